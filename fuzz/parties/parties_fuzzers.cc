// libFuzzer targets for the parties module's parsers of outside input: every list format
// (the first byte picks the parser) and the name normalizer + scorer. Selected at compile time
// with -DCP_FUZZ_TARGET_<name>; the normal build links the replay binary over the seed corpus.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "parties/loaders.h"
#include "parties/name.h"
#include "parties/party_json.h"
#include "parties/scorer.h"

namespace {

using namespace chokepoint::parties;

void FuzzLists(std::string_view in) {
  if (in.empty()) return;
  char which = in[0];
  std::string_view text = in.substr(1);
  switch (which % 6) {
    case 0: {
      // sdn/alt/add/comments separated by a 0x00 byte each.
      std::string_view parts[4];
      for (int i = 0; i < 4; ++i) {
        size_t z = text.find('\0');
        parts[i] = text.substr(0, z);
        text = z == std::string_view::npos ? std::string_view() : text.substr(z + 1);
      }
      (void)ParseOfac({parts[0], parts[1], parts[2], parts[3]}, "ofac_sdn");
      break;
    }
    case 1:
      (void)ParseCsl(text, "f", "csl");
      break;
    case 2:
      (void)ParseUnXml(text, "f", "un");
      break;
    case 3:
      (void)ParseBisDpl(text, "f", "bis_dpl");
      break;
    case 4:
      (void)ParseCustomCsv(text, "f", "custom");
      break;
    default:
      (void)ParseCustomJsonl(text, "f", "custom");
      break;
  }
}

void FuzzName(std::string_view in) {
  // Two names separated by a newline; both normalized (as entity and as person) and compared.
  size_t nl = in.find('\n');
  std::string_view a = in.substr(0, nl), b = nl == std::string_view::npos ? in : in.substr(nl + 1);
  for (bool person : {false, true}) {
    NormalizeOptions o;
    o.person = person;
    auto x = NormalizeName(a, o);
    auto y = NormalizeName(b, o);
    if (!x.ok() || !y.ok()) continue;
    CompareOptions co;
    co.person = person;
    co.vessel = !person;
    NameComparison c = CompareNames(*x, *y, co);
    if (c.score < 0 || c.score > 1) __builtin_trap();
  }
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (!j.is_discarded()) (void)PartyQueryFromJson(j);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
#if defined(CP_FUZZ_TARGET_parties_lists)
  FuzzLists(in);
#elif defined(CP_FUZZ_TARGET_parties_name)
  FuzzName(in);
#else
  // Replay build: every input goes through both targets.
  FuzzLists(in);
  FuzzName(in);
#endif
  return 0;
}
