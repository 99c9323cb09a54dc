#include "parties/pinyin.h"

#include <unordered_map>
#include <unordered_set>

namespace chokepoint::parties {
namespace {

// Wade-Giles spellings with apostrophes and umlauts dropped, as they reach a seller. Only the
// syllables whose spelling differs from pinyin are listed.
const std::unordered_map<std::string_view, std::vector<std::string>>& Table() {
  static const auto* t = new std::unordered_map<std::string_view, std::vector<std::string>>{
      {"hsu", {"xu"}},
      {"hsi", {"xi"}},
      {"hsin", {"xin"}},
      {"hsing", {"xing"}},
      {"hsiao", {"xiao"}},
      {"hsieh", {"xie"}},
      {"hsiung", {"xiong"}},
      {"hsien", {"xian"}},
      {"hsueh", {"xue"}},
      {"hsiang", {"xiang"}},
      {"hsia", {"xia"}},
      {"hsiu", {"xiu"}},
      {"hsuan", {"xuan"}},
      {"hsun", {"xun"}},
      {"chang", {"zhang", "chang"}},
      {"cheng", {"zheng", "cheng"}},
      {"chou", {"zhou", "chou"}},
      {"chu", {"zhu", "chu", "ju", "qu"}},
      {"chen", {"zhen", "chen"}},
      {"chin", {"jin", "qin"}},
      {"ching", {"jing", "qing"}},
      {"chiang", {"jiang", "qiang"}},
      {"chiao", {"jiao", "qiao"}},
      {"chieh", {"jie", "qie"}},
      {"chien", {"jian", "qian"}},
      {"chiu", {"jiu", "qiu"}},
      {"chung", {"zhong", "chong"}},
      {"chuang", {"zhuang", "chuang"}},
      {"chuan", {"zhuan", "chuan", "juan", "quan"}},
      {"chun", {"zhun", "chun", "jun", "qun"}},
      {"chi", {"ji", "qi", "zhi", "chi"}},
      {"chih", {"zhi", "chi"}},
      {"cha", {"zha", "cha"}},
      {"chai", {"zhai", "chai"}},
      {"chan", {"zhan", "chan"}},
      {"chao", {"zhao", "chao"}},
      {"che", {"zhe", "che"}},
      {"chia", {"jia", "qia"}},
      {"chio", {"jue", "que"}},
      {"chueh", {"jue", "que"}},
      {"chuo", {"zhuo", "chuo"}},
      {"chui", {"zhui", "chui"}},
      {"chiung", {"jiong", "qiong"}},
      {"tsai", {"cai", "zai"}},
      {"tsao", {"cao", "zao"}},
      {"tseng", {"zeng", "ceng"}},
      {"tso", {"zuo", "cuo"}},
      {"tsui", {"cui", "zui"}},
      {"tsou", {"zou", "cou"}},
      {"tzu", {"zi", "ci"}},
      {"tsu", {"zu", "cu"}},
      {"tsung", {"zong", "cong"}},
      {"tsan", {"zan", "can"}},
      {"tsang", {"zang", "cang"}},
      {"tse", {"ze", "ce"}},
      {"tsen", {"zen", "cen"}},
      {"tsuan", {"zuan", "cuan"}},
      {"tsun", {"zun", "cun"}},
      {"tza", {"za"}},
      {"kuo", {"guo", "kuo"}},
      {"kung", {"gong", "kong"}},
      {"kuan", {"guan", "kuan"}},
      {"kao", {"gao", "kao"}},
      {"ku", {"gu", "ku"}},
      {"kang", {"gang", "kang"}},
      {"kan", {"gan", "kan"}},
      {"keng", {"geng", "keng"}},
      {"ko", {"ge", "ke"}},
      {"kuang", {"guang", "kuang"}},
      {"kuei", {"gui", "kui"}},
      {"kun", {"gun", "kun"}},
      {"kai", {"gai", "kai"}},
      {"kou", {"gou", "kou"}},
      {"kua", {"gua", "kua"}},
      {"kuai", {"guai", "kuai"}},
      {"teng", {"deng", "teng"}},
      {"tung", {"dong", "tong"}},
      {"tai", {"dai", "tai"}},
      {"tang", {"dang", "tang"}},
      {"tu", {"du", "tu"}},
      {"tien", {"dian", "tian"}},
      {"ting", {"ding", "ting"}},
      {"tao", {"dao", "tao"}},
      {"tan", {"dan", "tan"}},
      {"te", {"de", "te"}},
      {"tuan", {"duan", "tuan"}},
      {"tui", {"dui", "tui"}},
      {"tun", {"dun", "tun"}},
      {"tou", {"dou", "tou"}},
      {"to", {"duo", "tuo"}},
      {"tiao", {"diao", "tiao"}},
      {"pai", {"bai", "pai"}},
      {"pao", {"bao", "pao"}},
      {"pei", {"bei", "pei"}},
      {"peng", {"beng", "peng"}},
      {"pin", {"bin", "pin"}},
      {"ping", {"bing", "ping"}},
      {"po", {"bo", "po"}},
      {"pan", {"ban", "pan"}},
      {"pang", {"bang", "pang"}},
      {"pen", {"ben", "pen"}},
      {"pi", {"bi", "pi"}},
      {"piao", {"biao", "piao"}},
      {"pien", {"bian", "pian"}},
      {"pu", {"bu", "pu"}},
      {"jen", {"ren"}},
      {"jung", {"rong"}},
      {"jao", {"rao"}},
      {"juan", {"ruan"}},
      {"jih", {"ri"}},
      {"jou", {"rou"}},
      {"ju", {"ru"}},
      {"jui", {"rui"}},
      {"jun", {"run"}},
      {"jang", {"rang"}},
      {"jan", {"ran"}},
      {"lung", {"long"}},
      {"hung", {"hong"}},
      {"yung", {"yong"}},
      {"tsuo", {"zuo"}},
      {"szu", {"si"}},
      {"ssu", {"si"}},
      {"shih", {"shi"}},
      {"erh", {"er"}},
      {"yeh", {"ye"}},
      {"yen", {"yan"}},
      {"lien", {"lian"}},
      {"mien", {"mian"}},
      {"nien", {"nian"}},
      {"lueh", {"lue"}},
      {"kuen", {"kun"}},
      {"wen", {"wen"}},
      {"sung", {"song"}},
      {"tsing", {"qing", "jing"}},
      {"tsin", {"qin", "jin"}},
      {"hsuen", {"xuan"}},
      {"yu", {"yu"}},
  };
  return *t;
}

// Every toneless Mandarin syllable (the readings of Unicode's Unihan kMandarin field, tones
// and the diaeresis dropped), as a seller's system writes pinyin.
const std::unordered_set<std::string_view>& Syllables() {
  static const auto* s = [] {
    static const char kList[] =
        "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bu ca "
        "cai can "
        "cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua "
        "chuai "
        "chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de den "
        "deng di "
        "dian diao die din ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei "
        "fen feng "
        "fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui "
        "gun guo "
        "ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia "
        "jian "
        "jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng "
        "kong kou "
        "ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao "
        "lie "
        "lin ling liu lo long lou lu luan lue lun luo ma mai man mang mao me mei men meng mi mian "
        "miao "
        "mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin "
        "ning "
        "niu nong nou nu nuan nue nun nuo o ou pa pai pan pang pao pei pen peng pi pian piao pie "
        "pin ping "
        "po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re "
        "ren reng "
        "ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang "
        "shao she "
        "shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan "
        "sui sun "
        "suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai "
        "wan "
        "wang wei wen weng wo wong wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue "
        "xun ya "
        "yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen "
        "zeng zha "
        "zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun "
        "zhuo zi "
        "zong zou zu zuan zui zun zuo ";
    auto* set = new std::unordered_set<std::string_view>;
    std::string_view all(kList);
    for (size_t p = 0; p < all.size();) {
      size_t e = all.find(' ', p);
      set->insert(all.substr(p, e - p));
      p = e + 1;
    }
    for (const auto& [wg, readings] : Table()) set->insert(wg);
    return set;
  }();
  return *s;
}

}  // namespace

bool IsChineseSyllables(std::string_view word) {
  // ok[i]: word[0, i) splits into syllables. Syllables are at most 6 letters ("zhuang").
  if (word.empty() || word.size() > 40) return false;
  bool ok[41] = {true};
  const auto& syl = Syllables();
  for (size_t i = 1; i <= word.size(); ++i) {
    for (size_t n = 1; n <= 6 && n <= i && !ok[i]; ++n) {
      std::string_view s = word.substr(i - n, n);
      // A syllable without an initial ("an", "e") opens the word; inside one, pinyin writes
      // an apostrophe before it (Xi'an), so "sinaloa" is not si-na-lo-a.
      bool zero_initial = s[0] == 'a' || s[0] == 'e' || s[0] == 'o';
      ok[i] = ok[i - n] && (!zero_initial || i == n) && syl.count(s);
    }
  }
  return ok[word.size()];
}

const std::vector<std::string>& WadeGilesToPinyin(std::string_view syllable) {
  static const std::vector<std::string> kNone;
  auto it = Table().find(syllable);
  return it == Table().end() ? kNone : it->second;
}

}  // namespace chokepoint::parties
