#include "parties/pinyin.h"

#include <unordered_map>

namespace chokepoint::parties {
namespace {

// Wade-Giles spellings with apostrophes and umlauts dropped, as they reach a seller. Only the
// syllables whose spelling differs from pinyin are listed.
const std::unordered_map<std::string_view, std::vector<std::string>>& Table() {
  static const auto* t = new std::unordered_map<std::string_view, std::vector<std::string>>{
      {"hsu", {"xu"}}, {"hsi", {"xi"}}, {"hsin", {"xin"}}, {"hsing", {"xing"}}, {"hsiao", {"xiao"}},
      {"hsieh", {"xie"}}, {"hsiung", {"xiong"}}, {"hsien", {"xian"}}, {"hsueh", {"xue"}},
      {"hsiang", {"xiang"}}, {"hsia", {"xia"}}, {"hsiu", {"xiu"}}, {"hsuan", {"xuan"}}, {"hsun", {"xun"}},
      {"chang", {"zhang", "chang"}}, {"cheng", {"zheng", "cheng"}}, {"chou", {"zhou", "chou"}},
      {"chu", {"zhu", "chu", "ju", "qu"}}, {"chen", {"zhen", "chen"}}, {"chin", {"jin", "qin"}},
      {"ching", {"jing", "qing"}}, {"chiang", {"jiang", "qiang"}}, {"chiao", {"jiao", "qiao"}},
      {"chieh", {"jie", "qie"}}, {"chien", {"jian", "qian"}}, {"chiu", {"jiu", "qiu"}},
      {"chung", {"zhong", "chong"}}, {"chuang", {"zhuang", "chuang"}}, {"chuan", {"zhuan", "chuan", "juan", "quan"}},
      {"chun", {"zhun", "chun", "jun", "qun"}}, {"chi", {"ji", "qi", "zhi", "chi"}}, {"chih", {"zhi", "chi"}},
      {"cha", {"zha", "cha"}}, {"chai", {"zhai", "chai"}}, {"chan", {"zhan", "chan"}}, {"chao", {"zhao", "chao"}},
      {"che", {"zhe", "che"}}, {"chia", {"jia", "qia"}}, {"chio", {"jue", "que"}}, {"chueh", {"jue", "que"}},
      {"chuo", {"zhuo", "chuo"}}, {"chui", {"zhui", "chui"}}, {"chiung", {"jiong", "qiong"}},
      {"tsai", {"cai", "zai"}}, {"tsao", {"cao", "zao"}}, {"tseng", {"zeng", "ceng"}}, {"tso", {"zuo", "cuo"}},
      {"tsui", {"cui", "zui"}}, {"tsou", {"zou", "cou"}}, {"tzu", {"zi", "ci"}}, {"tsu", {"zu", "cu"}},
      {"tsung", {"zong", "cong"}}, {"tsan", {"zan", "can"}}, {"tsang", {"zang", "cang"}}, {"tse", {"ze", "ce"}},
      {"tsen", {"zen", "cen"}}, {"tsuan", {"zuan", "cuan"}}, {"tsun", {"zun", "cun"}}, {"tza", {"za"}},
      {"kuo", {"guo", "kuo"}}, {"kung", {"gong", "kong"}}, {"kuan", {"guan", "kuan"}}, {"kao", {"gao", "kao"}},
      {"ku", {"gu", "ku"}}, {"kang", {"gang", "kang"}}, {"kan", {"gan", "kan"}}, {"keng", {"geng", "keng"}},
      {"ko", {"ge", "ke"}}, {"kuang", {"guang", "kuang"}}, {"kuei", {"gui", "kui"}}, {"kun", {"gun", "kun"}},
      {"kai", {"gai", "kai"}}, {"kou", {"gou", "kou"}}, {"kua", {"gua", "kua"}}, {"kuai", {"guai", "kuai"}},
      {"teng", {"deng", "teng"}}, {"tung", {"dong", "tong"}}, {"tai", {"dai", "tai"}}, {"tang", {"dang", "tang"}},
      {"tu", {"du", "tu"}}, {"tien", {"dian", "tian"}}, {"ting", {"ding", "ting"}}, {"tao", {"dao", "tao"}},
      {"tan", {"dan", "tan"}}, {"te", {"de", "te"}}, {"tuan", {"duan", "tuan"}}, {"tui", {"dui", "tui"}},
      {"tun", {"dun", "tun"}}, {"tou", {"dou", "tou"}}, {"to", {"duo", "tuo"}}, {"tiao", {"diao", "tiao"}},
      {"pai", {"bai", "pai"}}, {"pao", {"bao", "pao"}}, {"pei", {"bei", "pei"}}, {"peng", {"beng", "peng"}},
      {"pin", {"bin", "pin"}}, {"ping", {"bing", "ping"}}, {"po", {"bo", "po"}}, {"pan", {"ban", "pan"}},
      {"pang", {"bang", "pang"}}, {"pen", {"ben", "pen"}}, {"pi", {"bi", "pi"}}, {"piao", {"biao", "piao"}},
      {"pien", {"bian", "pian"}}, {"pu", {"bu", "pu"}},
      {"jen", {"ren"}}, {"jung", {"rong"}}, {"jao", {"rao"}}, {"juan", {"ruan"}}, {"jih", {"ri"}},
      {"jou", {"rou"}}, {"ju", {"ru"}}, {"jui", {"rui"}}, {"jun", {"run"}}, {"jang", {"rang"}}, {"jan", {"ran"}},
      {"lung", {"long"}}, {"hung", {"hong"}}, {"yung", {"yong"}}, {"tsuo", {"zuo"}}, {"szu", {"si"}},
      {"ssu", {"si"}}, {"shih", {"shi"}}, {"erh", {"er"}}, {"yeh", {"ye"}}, {"yen", {"yan"}},
      {"lien", {"lian"}}, {"mien", {"mian"}}, {"nien", {"nian"}}, {"lueh", {"lue"}}, {"kuen", {"kun"}},
      {"wen", {"wen"}}, {"sung", {"song"}}, {"tsing", {"qing", "jing"}}, {"tsin", {"qin", "jin"}},
      {"hsuen", {"xuan"}}, {"yu", {"yu"}},
  };
  return *t;
}

}  // namespace

const std::vector<std::string>& WadeGilesToPinyin(std::string_view syllable) {
  static const std::vector<std::string> kNone;
  auto it = Table().find(syllable);
  return it == Table().end() ? kNone : it->second;
}

}  // namespace chokepoint::parties
