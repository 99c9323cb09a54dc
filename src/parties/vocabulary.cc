#include "parties/vocabulary.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "parties/similarity.h"

namespace chokepoint::parties {
namespace {

struct Entry {
  const char* phrase;  // normalized tokens separated by single spaces
  TokenClass cls;
  const char* canon;
  const char* family;
  const char* jurisdiction;
};

constexpr TokenClass L = TokenClass::kLegal;
constexpr TokenClass I = TokenClass::kIndustry;
constexpr TokenClass S = TokenClass::kStop;
constexpr TokenClass P = TokenClass::kPlace;

// Legal forms. Generic forms (empty jurisdiction) are the English and pan-national ones that
// translate a national form ("OÜ" is rendered "Ltd"); two national forms of different
// countries ("GmbH" vs "Sdn. Bhd.") disagree.
const Entry kEntries[] = {
    {"co ltd", L, "ltd", "ltd", ""},
    {"coltd", L, "ltd", "ltd", ""},
    {"company limited", L, "ltd", "ltd", ""},
    {"co limited", L, "ltd", "ltd", ""},
    {"company ltd", L, "ltd", "ltd", ""},
    {"ltd", L, "ltd", "ltd", ""},
    {"limited", L, "ltd", "ltd", ""},
    {"limited company", L, "ltd", "ltd", ""},
    {"ltd co", L, "ltd", "ltd", ""},
    {"corporation limited", L, "ltd", "ltd", ""},
    {"corp ltd", L, "ltd", "ltd", ""},
    {"llc", L, "llc", "ltd", ""},
    {"limited liability company", L, "llc", "ltd", ""},
    {"limited liability co", L, "llc", "ltd", ""},
    {"lc", L, "llc", "ltd", ""},
    {"plc", L, "plc", "stock", ""},
    {"public limited company", L, "plc", "stock", ""},
    {"public co ltd", L, "plc", "stock", ""},
    {"public company limited", L, "plc", "stock", ""},
    {"jsc", L, "jsc", "stock", ""},
    {"joint stock company", L, "jsc", "stock", ""},
    {"joint stock co", L, "jsc", "stock", ""},
    {"ojsc", L, "jsc", "stock", ""},
    {"cjsc", L, "jsc", "stock", ""},
    {"pjsc", L, "jsc", "stock", ""},
    {"open joint stock company", L, "jsc", "stock", ""},
    {"closed joint stock company", L, "jsc", "stock", ""},
    {"public joint stock company", L, "jsc", "stock", ""},
    {"inc", L, "inc", "corp", ""},
    {"incorporated", L, "inc", "corp", ""},
    {"corp", L, "inc", "corp", ""},
    {"corporation", L, "inc", "corp", ""},
    {"co", L, "co", "co", ""},
    {"company", L, "co", "co", ""},
    {"cos", L, "co", "co", ""},
    {"companies", L, "co", "co", ""},
    {"sa", L, "sa", "stock", ""},
    {"societe anonyme", L, "sa", "stock", ""},
    {"sociedad anonima", L, "sa", "stock", ""},
    // "Private Limited" is what Pvt Ltd (India, Pakistan, Sri Lanka, Bangladesh) and Pte Ltd
    // (Singapore) abbreviate: generic, so it agrees with both.
    {"pvt ltd", L, "pvt_ltd", "ltd", ""},
    {"private limited", L, "pvt_ltd", "ltd", ""},
    {"private ltd", L, "pvt_ltd", "ltd", ""},
    {"pvt limited", L, "pvt_ltd", "ltd", ""},
    {"private limited company", L, "pvt_ltd", "ltd", ""},
    {"pvt", L, "pvt_ltd", "ltd", ""},
    {"private", L, "pvt_ltd", "ltd", ""},
    {"pte ltd", L, "pte_ltd", "ltd", "sg"},
    {"pte limited", L, "pte_ltd", "ltd", "sg"},
    {"pte", L, "pte_ltd", "ltd", "sg"},
    {"pty ltd", L, "pty_ltd", "ltd", "au"},
    {"pty limited", L, "pty_ltd", "ltd", "au"},
    {"pty", L, "pty_ltd", "ltd", "au"},
    {"proprietary limited", L, "pty_ltd", "ltd", "au"},
    {"sdn bhd", L, "sdn_bhd", "ltd", "my"},
    {"sendirian berhad", L, "sdn_bhd", "ltd", "my"},
    {"bhd", L, "bhd", "stock", "my"},
    {"berhad", L, "bhd", "stock", "my"},
    {"gmbh", L, "gmbh", "ltd", "de"},
    {"gesellschaft mit beschrankter haftung", L, "gmbh", "ltd", "de"},
    {"gesellschaft mit beschraenkter haftung", L, "gmbh", "ltd", "de"},
    {"ag", L, "ag", "stock", "de"},
    {"aktiengesellschaft", L, "ag", "stock", "de"},
    {"kg", L, "kg", "partnership", "de"},
    {"kommanditgesellschaft", L, "kg", "partnership", "de"},
    {"gmbh co kg", L, "gmbh_kg", "partnership", "de"},
    {"gmbh and co kg", L, "gmbh_kg", "partnership", "de"},
    {"ohg", L, "ohg", "partnership", "de"},
    {"offene handelsgesellschaft", L, "ohg", "partnership", "de"},
    {"ug", L, "ug", "ltd", "de"},
    {"unternehmergesellschaft", L, "ug", "ltd", "de"},
    {"sarl", L, "sarl", "ltd", "fr"},
    {"societe a responsabilite limitee", L, "sarl", "ltd", "fr"},
    {"suarl", L, "suarl", "sole", "fr"},
    {"eurl", L, "eurl", "sole", "fr"},
    {"entreprise unipersonnelle a responsabilite limitee", L, "eurl", "sole", "fr"},
    {"sas", L, "sas", "stock", "fr"},
    {"societe par actions simplifiee", L, "sas", "stock", "fr"},
    {"sociedad por acciones simplificada", L, "sas", "stock", "co"},
    {"sasu", L, "sasu", "sole", "fr"},
    {"snc", L, "snc", "partnership", "it"},
    {"societe en nom collectif", L, "snc", "partnership", "fr"},
    {"gie", L, "gie", "partnership", "fr"},
    {"ets", L, "ets", "sole", "fr"},
    {"etablissements", L, "ets", "sole", "fr"},
    {"sa de cv", L, "sa_de_cv", "stock", "mx"},
    {"s de rl de cv", L, "s_de_rl", "ltd", "mx"},
    {"sapi de cv", L, "sa_de_cv", "stock", "mx"},
    {"sab de cv", L, "sa_de_cv", "stock", "mx"},
    {"sa de capital variable", L, "sa_de_cv", "stock", "mx"},
    {"sociedad anonima de capital variable", L, "sa_de_cv", "stock", "mx"},
    {"sociedad anonima de cv", L, "sa_de_cv", "stock", "mx"},
    {"sociedad anonima bursatil de capital variable", L, "sa_de_cv", "stock", "mx"},
    {"sociedad anonima promotora de inversion de capital variable", L, "sa_de_cv", "stock", "mx"},
    {"s de rl", L, "s_de_rl", "ltd", "mx"},
    {"sociedad de responsabilidad limitada de capital variable", L, "s_de_rl", "ltd", "mx"},
    {"srl", L, "srl", "ltd", "it"},
    {"societa a responsabilita limitata", L, "srl", "ltd", "it"},
    {"societatea cu raspundere limitata", L, "srl", "ltd", "ro"},
    {"spa", L, "spa", "stock", "it"},
    {"societa per azioni", L, "spa", "stock", "it"},
    {"societa cooperativa", L, "coop", "coop", "it"},
    {"sociedad cooperativa", L, "coop", "coop", ""},
    {"sl", L, "sl", "ltd", "es"},
    {"slu", L, "sl", "ltd", "es"},
    {"sociedad limitada", L, "sl", "ltd", "es"},
    {"sociedad limitada unipersonal", L, "sl", "ltd", "es"},
    {"sociedad de responsabilidad limitada", L, "srl", "ltd", ""},
    {"sau", L, "sa", "stock", "es"},
    {"sociedad anonima unipersonal", L, "sa", "stock", "es"},
    {"ltda", L, "ltda", "ltd", "br"},
    {"limitada", L, "ltda", "ltd", "br"},
    {"cia ltda", L, "ltda", "ltd", "br"},
    {"compania limitada", L, "ltda", "ltd", "br"},
    {"sociedade limitada", L, "ltda", "ltd", "br"},
    {"sociedade anonima", L, "sa", "stock", ""},
    {"eireli", L, "eireli", "sole", "br"},
    {"sac", L, "sac", "stock", "pe"},
    {"sociedad anonima cerrada", L, "sac", "stock", "pe"},
    {"saa", L, "saa", "stock", "pe"},
    {"sociedad anonima abierta", L, "saa", "stock", "pe"},
    {"bv", L, "bv", "ltd", "nl"},
    {"besloten vennootschap", L, "bv", "ltd", "nl"},
    {"nv", L, "nv", "stock", "nl"},
    {"naamloze vennootschap", L, "nv", "stock", "nl"},
    {"vof", L, "vof", "partnership", "nl"},
    {"bvba", L, "bvba", "ltd", "be"},
    {"ab", L, "ab", "stock", "se"},
    {"aktiebolag", L, "ab", "stock", "se"},
    {"aktiebolaget", L, "ab", "stock", "se"},
    {"as", L, "as", "stock", "no"},
    {"aksjeselskap", L, "as", "stock", "no"},
    {"aktieselskab", L, "as", "stock", "dk"},
    {"asa", L, "asa", "stock", "no"},
    {"allmennaksjeselskap", L, "asa", "stock", "no"},
    {"aps", L, "aps", "ltd", "dk"},
    {"anpartsselskab", L, "aps", "ltd", "dk"},
    {"oy", L, "oy", "ltd", "fi"},
    {"osakeyhtio", L, "oy", "ltd", "fi"},
    {"oyj", L, "oyj", "stock", "fi"},
    {"julkinen osakeyhtio", L, "oyj", "stock", "fi"},
    {"ou", L, "ou", "ltd", "ee"},
    {"osauhing", L, "ou", "ltd", "ee"},
    {"uab", L, "uab", "ltd", "lt"},
    {"uzdaroji akcine bendrove", L, "uab", "ltd", "lt"},
    {"sia", L, "sia", "ltd", "lv"},
    {"ehf", L, "ehf", "ltd", "is"},
    {"sp z oo", L, "sp_zoo", "ltd", "pl"},
    {"spzoo", L, "sp_zoo", "ltd", "pl"},
    {"sp zoo", L, "sp_zoo", "ltd", "pl"},
    {"spolka z ograniczona odpowiedzialnoscia", L, "sp_zoo", "ltd", "pl"},
    {"sp k", L, "sp_k", "partnership", "pl"},
    {"spolka komandytowa", L, "sp_k", "partnership", "pl"},
    {"sp j", L, "sp_j", "partnership", "pl"},
    {"spolka jawna", L, "sp_j", "partnership", "pl"},
    {"ska", L, "ska", "partnership", "pl"},
    {"spolka komandytowo akcyjna", L, "ska", "partnership", "pl"},
    {"kft", L, "kft", "ltd", "hu"},
    {"korlatolt felelossegu tarsasag", L, "kft", "ltd", "hu"},
    {"zrt", L, "zrt", "stock", "hu"},
    {"nyrt", L, "nyrt", "stock", "hu"},
    {"bt", L, "bt", "partnership", "hu"},
    {"doo", L, "doo", "ltd", "si"},
    {"dd", L, "dd", "stock", "si"},
    {"dooel", L, "doo", "ltd", "mk"},
    {"sro", L, "sro", "ltd", "cz"},
    {"spol s ro", L, "sro", "ltd", "cz"},
    // Russian and Ukrainian forms, abbreviated and written out (BGN/PCGN spellings, as the
    // Cyrillic is transliterated, and the common English-style ones).
    {"ooo", L, "ooo", "ltd", "ru"},
    {"obshchestvo s ogranichennoy otvetstvennostyu", L, "ooo", "ltd", "ru"},
    {"obshchestvo s ogranichennoi otvetstvennostiu", L, "ooo", "ltd", "ru"},
    {"obshestvo s ogranichennoy otvetstvennostyu", L, "ooo", "ltd", "ru"},
    {"zao", L, "zao", "stock", "ru"},
    {"zakrytoye aktsionernoye obshchestvo", L, "zao", "stock", "ru"},
    {"zakrytoe aktsionernoe obshchestvo", L, "zao", "stock", "ru"},
    {"oao", L, "oao", "stock", "ru"},
    {"otkrytoye aktsionernoye obshchestvo", L, "oao", "stock", "ru"},
    {"otkrytoe aktsionernoe obshchestvo", L, "oao", "stock", "ru"},
    {"pao", L, "pao", "stock", "ru"},
    {"publichnoye aktsionernoye obshchestvo", L, "pao", "stock", "ru"},
    {"publichnoe aktsionernoe obshchestvo", L, "pao", "stock", "ru"},
    {"ao", L, "ao", "stock", "ru"},
    {"aktsionernoye obshchestvo", L, "ao", "stock", "ru"},
    {"aktsionernoe obshchestvo", L, "ao", "stock", "ru"},
    {"ip", L, "ip", "sole", "ru"},
    {"individualnyy predprinimatel", L, "ip", "sole", "ru"},
    {"tov", L, "tov", "ltd", "ua"},
    {"tovarystvo z obmezhenoyu vidpovidalnistyu", L, "tov", "ltd", "ua"},
    {"fop", L, "fop", "sole", "ua"},
    {"fizychna osoba pidpryyemets", L, "fop", "sole", "ua"},
    {"prat", L, "prat", "stock", "ua"},
    {"pryvatne aktsionerne tovarystvo", L, "prat", "stock", "ua"},
    {"publichne aktsionerne tovarystvo", L, "pao", "stock", "ua"},
    {"tovarishchestvo s ogranichennoy otvetstvennostyu", L, "llp", "ltd", "kz"},
    {"llp", L, "llp", "partnership", ""},
    {"limited liability partnership", L, "llp", "partnership", ""},
    {"lp", L, "lp", "partnership", ""},
    {"limited partnership", L, "lp", "partnership", ""},
    {"ltd sti", L, "ltd_sti", "ltd", "tr"},
    {"limited sirketi", L, "ltd_sti", "ltd", "tr"},
    {"sti", L, "ltd_sti", "ltd", "tr"},
    // 株式会社 (kabushiki kaisha) and 주식회사 (jusik hoesa) are stock companies, but their
    // English names say "Co., Ltd.": generic, of the limited family, so the two agree.
    {"kk", L, "kk", "ltd", ""},
    {"kabushiki kaisha", L, "kk", "ltd", ""},
    {"kabushikigaisha", L, "kk", "ltd", ""},
    {"kabushiki gaisha", L, "kk", "ltd", ""},
    {"yk", L, "yk", "ltd", "jp"},
    {"yugen kaisha", L, "yk", "ltd", "jp"},
    {"yugengaisha", L, "yk", "ltd", "jp"},
    {"gk", L, "gk", "ltd", "jp"},
    {"godo kaisha", L, "gk", "ltd", "jp"},
    {"godogaisha", L, "gk", "ltd", "jp"},
    // Korean: 주식회사 (jusik hoesa, stock company) and 유한회사 (yuhan hoesa) in the
    // romanizations lists use.
    {"jusik hoesa", L, "kk", "ltd", ""},
    {"jusikhoesa", L, "kk", "ltd", ""},
    {"chusik hoesa", L, "kk", "ltd", ""},
    {"yuhan hoesa", L, "ltd", "ltd", "kr"},
    {"yuhanhoesa", L, "ltd", "ltd", "kr"},
    {"pt", L, "pt", "ltd", "id"},
    {"perseroan terbatas", L, "pt", "ltd", "id"},
    {"tbk", L, "tbk", "stock", "id"},
    {"sendirian berhad", L, "sdn_bhd", "ltd", "my"},
    // Thai บริษัท … จำกัด (borisat … chamkat) and … จำกัด (มหาชน) (public company limited).
    {"borisat", L, "co", "co", ""},
    {"bor ri sat", L, "co", "co", ""},
    {"chamkat", L, "ltd", "ltd", ""},
    {"chamkat mahachon", L, "plc", "stock", ""},
    {"mahachon", L, "plc", "stock", ""},
    {"pcl", L, "plc", "stock", ""},
    {"public company", L, "plc", "stock", ""},
    // Vietnamese Công ty TNHH (trách nhiệm hữu hạn) and cổ phần (joint stock).
    {"cong ty", L, "co", "co", ""},
    {"tnhh", L, "llc", "ltd", ""},
    {"trach nhiem huu han", L, "llc", "ltd", ""},
    {"cong ty tnhh", L, "llc", "ltd", ""},
    {"co phan", L, "jsc", "stock", ""},
    {"cong ty co phan", L, "jsc", "stock", ""},
    // Arabic شركة ذات مسؤولية محدودة (LLC) and شركة مساهمة (joint stock), transliterated.
    {"sharikat", L, "co", "co", ""},
    {"sharika", L, "co", "co", ""},
    {"sherkat", L, "co", "co", ""},
    {"dhat masuliya mahduda", L, "llc", "ltd", ""},
    {"mahduda", L, "ltd", "ltd", ""},
    {"mahdooda", L, "ltd", "ltd", ""},
    {"sahami khass", L, "jsc", "stock", "ir"},
    {"sahami aam", L, "plc", "stock", "ir"},
    // Turkish anonim şirketi / limited şirketi.
    {"anonim sirketi", L, "as_tr", "stock", "tr"},
    {"anonim sirket", L, "as_tr", "stock", "tr"},
    // Greek ανώνυμη εταιρεία (AE) and εταιρεία περιορισμένης ευθύνης (EPE).
    {"anonymi etaireia", L, "ae", "stock", "gr"},
    {"anonimi eteria", L, "ae", "stock", "gr"},
    {"epe", L, "epe", "ltd", "gr"},
    {"etaireia periorismenis efthynis", L, "epe", "ltd", "gr"},
    // Hebrew בע"מ (be'eravon mugbal, limited).
    {"beeravon mugbal", L, "ltd", "ltd", ""},
    // Czech/Slovak s.r.o. written out, Romanian and Polish joint stock.
    {"spolecnost s rucenim omezenym", L, "sro", "ltd", "cz"},
    {"spolocnost s rucenim obmedzenym", L, "sro", "ltd", "sk"},
    {"akciova spolecnost", L, "as", "stock", "cz"},
    {"spolka akcyjna", L, "sa", "stock", "pl"},
    {"cv", L, "cv", "partnership", "id"},
    {"commanditaire vennootschap", L, "cv", "partnership", "id"},
    {"fze", L, "fze", "ltd", "ae"},
    {"fzco", L, "fzco", "ltd", "ae"},
    {"fzc", L, "fzc", "ltd", "ae"},
    {"fz llc", L, "fz_llc", "ltd", "ae"},
    {"wll", L, "wll", "ltd", "bh"},
    {"sal", L, "sal", "stock", "lb"},
    {"sae", L, "sae", "stock", "eg"},
    {"est", L, "est", "sole", "sa"},
    {"bm", L, "bm", "ltd", "il"},
    {"coop", L, "coop", "coop", ""},
    {"cooperative", L, "coop", "coop", ""},
    {"spe", L, "llc", "ltd", "am"},
    {"shps", L, "llc", "ltd", "ge"},
    {"kumpanelimitak", L, "ltd", "ltd", ""},
    {"kumpanelemitaat", L, "ltd", "ltd", ""},
    {"lemitaat", L, "ltd", "ltd", ""},

    // Industry and generic business words, with their translations.
    {"biotech", I, "biotech", "", ""},
    {"biotechnology", I, "biotech", "", ""},
    {"bio tech", I, "biotech", "", ""},
    {"biotechnologies", I, "biotech", "", ""},
    {"bio technology", I, "biotech", "", ""},
    {"bio", I, "bio", "", ""},
    {"biological", I, "bio", "", ""},
    {"biopharmaceutical", I, "biopharma", "", ""},
    {"biopharma", I, "biopharma", "", ""},
    {"pharmaceutical", I, "pharma", "", ""},
    {"pharmaceuticals", I, "pharma", "", ""},
    {"pharma", I, "pharma", "", ""},
    {"pharmacy", I, "pharma", "", ""},
    {"pharmaceutique", I, "pharma", "", ""},
    {"farmaceutica", I, "pharma", "", ""},
    {"medicine", I, "pharma", "", ""},
    {"medical", I, "medical", "", ""},
    {"chemical", I, "chemical", "", ""},
    {"chemicals", I, "chemical", "", ""},
    {"chemistry", I, "chemical", "", ""},
    {"chemie", I, "chemical", "", ""},
    {"chimie", I, "chemical", "", ""},
    {"quimica", I, "chemical", "", ""},
    {"kimya", I, "chemical", "", ""},
    {"chemical industry", I, "chemical", "", ""},
    {"technology", I, "technology", "", ""},
    {"technologies", I, "technology", "", ""},
    {"tech", I, "technology", "", ""},
    {"science and technology", I, "technology", "", ""},
    {"sci tech", I, "technology", "", ""},
    {"technique", I, "technology", "", ""},
    {"trading", I, "trading", "", ""},
    {"trade", I, "trading", "", ""},
    {"commerce", I, "trading", "", ""},
    {"commercial", I, "trading", "", ""},
    {"trade and commerce", I, "trading", "", ""},
    {"import export", I, "import_export", "", ""},
    {"import and export", I, "import_export", "", ""},
    {"imp exp", I, "import_export", "", ""},
    {"imp and exp", I, "import_export", "", ""},
    {"i e", I, "import_export", "", ""},
    {"new material", I, "new_material", "", ""},
    {"new materials", I, "new_material", "", ""},
    {"material", I, "material", "", ""},
    {"materials", I, "material", "", ""},
    {"industrial", I, "industrial", "", ""},
    {"industry", I, "industrial", "", ""},
    {"industries", I, "industrial", "", ""},
    {"industria", I, "industrial", "", ""},
    {"international", I, "international", "", ""},
    {"intl", I, "international", "", ""},
    {"group", I, "group", "", ""},
    {"groupe", I, "group", "", ""},
    {"grupo", I, "group", "", ""},
    {"gruppo", I, "group", "", ""},
    {"development", I, "development", "", ""},
    {"investment", I, "investment", "", ""},
    {"investments", I, "investment", "", ""},
    {"logistics", I, "logistics", "", ""},
    {"shipping", I, "shipping", "", ""},
    {"global", I, "global", "", ""},
    {"general", I, "general", "", ""},
    {"general trading", I, "general_trading", "", ""},
    {"services", I, "services", "", ""},
    {"service", I, "services", "", ""},
    {"enterprise", I, "enterprise", "", ""},
    {"enterprises", I, "enterprise", "", ""},
    {"machinery", I, "machinery", "", ""},
    {"electronics", I, "electronics", "", ""},
    {"electronic", I, "electronics", "", ""},
    {"precision", I, "precision", "", ""},
    {"network", I, "network", "", ""},
    {"information", I, "information", "", ""},
    {"energy", I, "energy", "", ""},
    {"manufacturing", I, "manufacturing", "", ""},
    {"engineering", I, "engineering", "", ""},
    {"products", I, "products", "", ""},
    {"supplies", I, "supplies", "", ""},
    {"solutions", I, "solutions", "", ""},
    {"systems", I, "systems", "", ""},
    {"associates", I, "associates", "", ""},
    {"brothers", I, "brothers", "", ""},
    {"sons", I, "sons", "", ""},
    {"and sons", I, "sons", "", ""},
    {"fratelli", I, "brothers", "", ""},
    {"freres", I, "brothers", "", ""},
    {"et fils", I, "sons", "", ""},
    {"e figli", I, "sons", "", ""},
    {"ocean", I, "ocean", "", ""},
    {"management", I, "management", "", ""},
    {"partners", I, "partners", "", ""},
    {"cie", I, "partners", "", ""},
    {"et cie", I, "partners", "", ""},
    {"marine", I, "marine", "", ""},
    {"maritime", I, "marine", "", ""},
    {"navigation", I, "shipping", "", ""},
    {"transport", I, "transport", "", ""},
    {"freight", I, "freight", "", ""},
    {"export", I, "export", "", ""},
    {"exports", I, "export", "", ""},
    {"import", I, "import", "", ""},
    {"imports", I, "import", "", ""},
    {"petroleum", I, "petroleum", "", ""},

    // Provinces and large cities that open many Chinese company names: down-weighted places.
    {"beijing", P, "beijing", "", ""},
    {"shanghai", P, "shanghai", "", ""},
    {"tianjin", P, "tianjin", "", ""},
    {"chongqing", P, "chongqing", "", ""},
    {"hebei", P, "hebei", "", ""},
    {"shanxi", P, "shanxi", "", ""},
    {"liaoning", P, "liaoning", "", ""},
    {"jilin", P, "jilin", "", ""},
    {"heilongjiang", P, "heilongjiang", "", ""},
    {"jiangsu", P, "jiangsu", "", ""},
    {"zhejiang", P, "zhejiang", "", ""},
    {"anhui", P, "anhui", "", ""},
    {"fujian", P, "fujian", "", ""},
    {"jiangxi", P, "jiangxi", "", ""},
    {"shandong", P, "shandong", "", ""},
    {"henan", P, "henan", "", ""},
    {"hubei", P, "hubei", "", ""},
    {"hunan", P, "hunan", "", ""},
    {"guangdong", P, "guangdong", "", ""},
    {"hainan", P, "hainan", "", ""},
    {"sichuan", P, "sichuan", "", ""},
    {"guizhou", P, "guizhou", "", ""},
    {"yunnan", P, "yunnan", "", ""},
    {"shaanxi", P, "shaanxi", "", ""},
    {"gansu", P, "gansu", "", ""},
    {"qinghai", P, "qinghai", "", ""},
    {"guangxi", P, "guangxi", "", ""},
    {"guangzhou", P, "guangzhou", "", ""},
    {"shenzhen", P, "shenzhen", "", ""},
    {"wuhan", P, "wuhan", "", ""},
    {"hangzhou", P, "hangzhou", "", ""},
    {"nanjing", P, "nanjing", "", ""},
    {"xian", P, "xian", "", ""},
    {"chengdu", P, "chengdu", "", ""},
    {"hong kong", P, "hong_kong", "", ""},
    {"hongkong", P, "hong_kong", "", ""},
    {"china", P, "china", "", ""},
    {"zhongguo", P, "china", "", ""},

    // Stop words: articles, conjunctions, honorifics, party labels.
    {"and", S, "and", "", ""},
    {"&", S, "and", "", ""},
    {"et", S, "and", "", ""},
    {"e", S, "and", "", ""},
    {"y", S, "and", "", ""},
    {"und", S, "and", "", ""},
    {"i", S, "and", "", ""},
    {"in", S, "and", "", ""},
    {"ve", S, "and", "", ""},
    {"wa", S, "and", "", ""},
    {"of", S, "of", "", ""},
    {"the", S, "the", "", ""},
    {"de", S, "of", "", ""},
    {"del", S, "of", "", ""},
    {"della", S, "of", "", ""},
    {"di", S, "of", "", ""},
    {"da", S, "of", "", ""},
    {"do", S, "of", "", ""},
    {"dos", S, "of", "", ""},
    {"das", S, "of", "", ""},
    {"du", S, "of", "", ""},
    {"des", S, "of", "", ""},
    {"la", S, "the", "", ""},
    {"le", S, "the", "", ""},
    {"les", S, "the", "", ""},
    {"el", S, "the", "", ""},
    {"al", S, "the", "", ""},
    {"ha", S, "the", "", ""},
    {"for", S, "for", "", ""},
    {"messrs", S, "messrs", "", ""},
    {"ms", S, "mr", "", ""},
    {"mr", S, "mr", "", ""},
    {"mrs", S, "mr", "", ""},
    {"dr", S, "mr", "", ""},
    {"m s", S, "messrs", "", ""},
};

struct Vocab {
  std::unordered_map<std::string, const Entry*> by_phrase;
  size_t max_len = 1;
};

const Vocab& GetVocab() {
  static const Vocab* v = [] {
    auto* vv = new Vocab;
    for (const auto& e : kEntries) {
      vv->by_phrase.emplace(e.phrase, &e);
      size_t n = 1;
      for (const char* p = e.phrase; *p; ++p) n += *p == ' ';
      if (n > vv->max_len) vv->max_len = n;
    }
    return vv;
  }();
  return *v;
}

}  // namespace

const char* TokenClassName(TokenClass c) {
  switch (c) {
    case TokenClass::kName:
      return "name";
    case TokenClass::kNumber:
      return "number";
    case TokenClass::kPlace:
      return "place";
    case TokenClass::kIndustry:
      return "industry";
    case TokenClass::kLegal:
      return "legal_form";
    case TokenClass::kStop:
      return "stop";
  }
  return "name";
}

VocabHit MatchVocabulary(const std::vector<std::string>& tokens, size_t i) {
  std::vector<VocabHit> all = MatchVocabularyAll(tokens, i);
  return all.empty() ? VocabHit{} : all.back();
}

std::vector<VocabHit> MatchVocabularyAll(const std::vector<std::string>& tokens, size_t i) {
  const Vocab& v = GetVocab();
  std::vector<VocabHit> hits;
  std::string phrase;
  for (size_t n = 1; n <= v.max_len && i + n <= tokens.size(); ++n) {
    if (n > 1) phrase += ' ';
    phrase += tokens[i + n - 1];
    auto it = v.by_phrase.find(phrase);
    if (it != v.by_phrase.end()) {
      const Entry* e = it->second;
      hits.push_back(VocabHit{e->cls, e->canon, e->family, e->jurisdiction, n});
    }
  }
  return hits;
}

std::string_view CorrectVocabularyTypo(std::string_view token) {
  constexpr size_t kMinLength = 5;
  if (token.size() < kMinLength) return {};
  // Every word of the vocabulary's phrases, keyed with its one-letter deletions too: a slip
  // leaves the misspelt word and the right one sharing a key (SymSpell).
  struct Index {
    std::unordered_set<std::string> words;
    std::unordered_map<std::string, std::vector<const std::string*>> keys;
  };
  static const Index* index = [] {
    auto* ix = new Index;
    for (const auto& e : kEntries) {
      if (e.cls == TokenClass::kStop) continue;
      std::string_view p = e.phrase;
      for (size_t a = 0; a < p.size();) {
        size_t b = p.find(' ', a);
        if (b == std::string_view::npos) b = p.size();
        if (b - a >= kMinLength) ix->words.emplace(p.substr(a, b - a));
        a = b + 1;
      }
    }
    for (const auto& w : ix->words) {
      ix->keys[w].push_back(&w);
      for (size_t k = 0; k < w.size(); ++k)
        ix->keys[w.substr(0, k) + w.substr(k + 1)].push_back(&w);
    }
    return ix;
  }();
  std::string t(token);
  if (index->words.count(t)) return {};
  const std::string* found = nullptr;
  auto probe = [&](const std::string& key) {
    auto it = index->keys.find(key);
    if (it == index->keys.end()) return true;
    for (const std::string* w : it->second) {
      if (w == found) continue;
      Slip s = OneSlip(t, *w);
      if (s != Slip::kTransposition && s != Slip::kInsertion) continue;
      if (std::min(t.size(), w->size()) < kMinLength) continue;
      if (found) return false;  // two words are one slip away: no correction
      found = w;
    }
    return true;
  };
  if (!probe(t)) return {};
  for (size_t k = 0; k < t.size(); ++k) {
    if (!probe(t.substr(0, k) + t.substr(k + 1))) return {};
  }
  return found ? std::string_view(*found) : std::string_view();
}

std::string_view ExpandAbbreviation(std::string_view t) {
  static const std::unordered_map<std::string_view, std::string_view> kAbbr = {
      {"bros", "brothers"},
      {"bro", "brothers"},
      {"mfg", "manufacturing"},
      {"mfrs", "manufacturers"},
      {"intl", "international"},
      {"int", "international"},
      {"svcs", "services"},
      {"svc", "services"},
      {"mgmt", "management"},
      {"assoc", "associates"},
      {"assocs", "associates"},
      {"engg", "engineering"},
      {"eng", "engineering"},
      {"cia", "compania"},
      {"flli", "fratelli"},
      {"hldgs", "holdings"},
      {"hldg", "holding"},
      {"grp", "group"},
      {"chem", "chemical"},
      {"pharm", "pharmaceutical"},
      {"trdg", "trading"},
      {"natl", "national"},
      {"dept", "department"},
      {"ind", "industria"},
      {"com", "comercio"},
      {"tech", "technology"},
      {"techs", "technologies"},
      {"inds", "industries"},
      {"przeds", "przedsiebiorstwo"},
      {"handl", "handlowe"},
      {"sped", "spedizioni"},
      {"comm", "commendator"},
      {"st", "saint"},
      {"mt", "mt"},
      {"ltd", "ltd"},
      {"corpn", "corporation"},
      {"co", "co"},
  };
  auto it = kAbbr.find(t);
  if (it == kAbbr.end() || it->second == t) return {};
  return it->second;
}

int WordNumber(std::string_view t) {
  static const std::unordered_map<std::string_view, int> kNums = {
      {"one", 1},         {"two", 2},        {"three", 3},        {"four", 4},
      {"five", 5},        {"six", 6},        {"seven", 7},        {"eight", 8},
      {"nine", 9},        {"ten", 10},       {"eleven", 11},      {"twelve", 12},
      {"first", 1},       {"second", 2},     {"third", 3},        {"fourth", 4},
      {"fifth", 5},       {"ii", 2},         {"iii", 3},          {"iv", 4},
      {"vi", 6},          {"vii", 7},        {"viii", 8},         {"ix", 9},
      {"xi", 11},         {"xii", 12},       {"xiii", 13},        {"xiv", 14},
      {"xv", 15},         {"xvi", 16},       {"xvii", 17},        {"xviii", 18},
      {"xix", 19},        {"xx", 20},        {"sixth", 6},        {"seventh", 7},
      {"eighth", 8},      {"ninth", 9},      {"tenth", 10},       {"eleventh", 11},
      {"twelfth", 12},    {"thirteen", 13},  {"thirteenth", 13},  {"fourteen", 14},
      {"fourteenth", 14}, {"fifteen", 15},   {"fifteenth", 15},   {"sixteen", 16},
      {"sixteenth", 16},  {"seventeen", 17}, {"seventeenth", 17}, {"eighteen", 18},
      {"eighteenth", 18}, {"nineteen", 19},  {"nineteenth", 19},  {"twenty", 20},
      {"twentieth", 20},
  };
  auto it = kNums.find(t);
  if (it != kNums.end()) return it->second;
  // Ordinals written with digits: "1st", "11th", "22nd".
  size_t d = 0;
  while (d < t.size() && t[d] >= '0' && t[d] <= '9') ++d;
  if (d > 0 && d <= 4 && t.size() == d + 2) {
    std::string_view suffix = t.substr(d);
    if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") {
      int n = 0;
      for (size_t k = 0; k < d; ++k) n = n * 10 + (t[k] - '0');
      return n;
    }
  }
  return -1;
}

bool IsVesselPrefix(std::string_view t) {
  return t == "mv" || t == "mt" || t == "ms" || t == "mts" || t == "ss" || t == "fv" ||
         t == "msv" || t == "nm" || t == "tb" || t == "my" || t == "sv" || t == "mfv" ||
         t == "lpg" || t == "lng";
}

bool IsAliasMarker(std::string_view t) {
  return t == "ex" || t == "fka" || t == "formerly" || t == "aka" || t == "nka" || t == "fna";
}

}  // namespace chokepoint::parties
