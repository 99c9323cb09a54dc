-- wrk script: POST /v1/classify with one molecule per request, cycling through a small set of
-- real inputs (controlled, precursor, clear, salt) so the run is not one cached answer.
dofile("bench/server/common.lua")
local subs = {
  '"CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"', '"fentanyl"', '"4-anilinopiperidine"',
  '"CCO"', '"O=C1CCNCC1"', '"CC(=O)Oc1ccccc1C(=O)O"', '"c1ccc(NC2CCNCC2)cc1"',
  '"CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1.OC(=O)CC(O)(CC(O)=O)C(O)=O"',
}
local i = 0
request = function()
  i = i + 1
  return post_json("/v1/classify", '{"substance":' .. subs[(i % #subs) + 1] .. '}')
end
