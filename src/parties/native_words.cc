#include "parties/native_words.h"

#include <unicode/normalizer2.h>

#include <algorithm>
#include <string>
#include <unordered_map>

namespace chokepoint::parties {
namespace {

struct Word {
  UScriptCode script;
  const char* native;
  const char* english;
};

// Inside runs. Han words match after Traditional→Simplified conversion.
const Word kRunWords[] = {
    // Chinese and Japanese (kanji).
    {USCRIPT_HAN, "股份有限公司", " co ltd "},
    {USCRIPT_HAN, "有限责任公司", " llc "},
    {USCRIPT_HAN, "有限公司", " co ltd "},
    {USCRIPT_HAN, "株式会社", " kk "},
    {USCRIPT_HAN, "有限会社", " yugen kaisha "},
    {USCRIPT_HAN, "合同会社", " godo kaisha "},
    {USCRIPT_HAN, "集团", " group "},
    {USCRIPT_HAN, "公司", " company "},
    {USCRIPT_HAN, "生物科技", " biotechnology "},
    {USCRIPT_HAN, "生物技术", " biotechnology "},
    {USCRIPT_HAN, "生物医药", " biopharmaceutical "},
    {USCRIPT_HAN, "医药科技", " pharmaceutical technology "},
    {USCRIPT_HAN, "医药", " pharmaceutical "},
    {USCRIPT_HAN, "制药", " pharmaceutical "},
    {USCRIPT_HAN, "药业", " pharmaceutical "},
    {USCRIPT_HAN, "化工", " chemical "},
    {USCRIPT_HAN, "化学", " chemical "},
    {USCRIPT_HAN, "科技", " technology "},
    {USCRIPT_HAN, "技术", " technology "},
    {USCRIPT_HAN, "贸易", " trading "},
    {USCRIPT_HAN, "商贸", " trading "},
    {USCRIPT_HAN, "工贸", " industry trading "},
    {USCRIPT_HAN, "进出口", " import export "},
    {USCRIPT_HAN, "新材料", " new material "},
    {USCRIPT_HAN, "材料", " material "},
    {USCRIPT_HAN, "实业", " industrial "},
    {USCRIPT_HAN, "工业", " industrial "},
    {USCRIPT_HAN, "国际", " international "},
    {USCRIPT_HAN, "物流", " logistics "},
    {USCRIPT_HAN, "航运", " shipping "},
    {USCRIPT_HAN, "海运", " shipping "},
    {USCRIPT_HAN, "远洋", " ocean "},
    {USCRIPT_HAN, "精密", " precision "},
    {USCRIPT_HAN, "机械", " machinery "},
    {USCRIPT_HAN, "电子", " electronics "},
    {USCRIPT_HAN, "控股", " holdings "},
    {USCRIPT_HAN, "投资", " investment "},
    {USCRIPT_HAN, "发展", " development "},
    {USCRIPT_HAN, "医疗", " medical "},
    {USCRIPT_HAN, "香港", " hong kong "},
    {USCRIPT_HAN, "生物", " bio "},
    {USCRIPT_HAN, "网络", " network "},
    {USCRIPT_HAN, "信息", " information "},
    {USCRIPT_HAN, "能源", " energy "},
    // Korean. 주식회사 and 유한회사 are rendered "Co., Ltd." in English names.
    {USCRIPT_HANGUL, "주식회사", " co ltd "},
    {USCRIPT_HANGUL, "유한책임회사", " llc "},
    {USCRIPT_HANGUL, "유한회사", " co ltd "},
    {USCRIPT_HANGUL, "합자회사", " limited partnership "},
    {USCRIPT_HANGUL, "총회사", " general corporation "},
    {USCRIPT_HANGUL, "회사", " company "},
    {USCRIPT_HANGUL, "공사", " corporation "},
    {USCRIPT_HANGUL, "그룹", " group "},
    {USCRIPT_HANGUL, "무역", " trading "},
    {USCRIPT_HANGUL, "상사", " trading "},
    {USCRIPT_HANGUL, "물류", " logistics "},
    {USCRIPT_HANGUL, "해운", " shipping "},
    {USCRIPT_HANGUL, "운송", " transport "},
    {USCRIPT_HANGUL, "은행", " bank "},
    {USCRIPT_HANGUL, "화학", " chemical "},
    {USCRIPT_HANGUL, "화공", " chemical "},
    {USCRIPT_HANGUL, "제약", " pharmaceutical "},
    {USCRIPT_HANGUL, "약품", " pharmaceutical "},
    {USCRIPT_HANGUL, "바이오", " bio "},
    {USCRIPT_HANGUL, "기술", " technology "},
    {USCRIPT_HANGUL, "산업", " industrial "},
    {USCRIPT_HANGUL, "공업", " industrial "},
    {USCRIPT_HANGUL, "전자", " electronics "},
    {USCRIPT_HANGUL, "건설", " construction "},
    {USCRIPT_HANGUL, "에너지", " energy "},
    {USCRIPT_HANGUL, "석유", " petroleum "},
    {USCRIPT_HANGUL, "국제", " international "},
    {USCRIPT_HANGUL, "인터내셔널", " international "},
    {USCRIPT_HANGUL, "개발", " development "},
    {USCRIPT_HANGUL, "투자", " investment "},
    {USCRIPT_HANGUL, "합영", " joint venture "},
    // Thai: บริษัท … จำกัด (มหาชน).
    {USCRIPT_THAI, "ห้างหุ้นส่วนจำกัด", " limited partnership "},
    {USCRIPT_THAI, "บริษัท", " company "},
    {USCRIPT_THAI, "จำกัด", " limited "},
    {USCRIPT_THAI, "มหาชน", " public "},
    {USCRIPT_THAI, "การค้า", " trading "},
    {USCRIPT_THAI, "อุตสาหกรรม", " industrial "},
    {USCRIPT_THAI, "เคมีภัณฑ์", " chemical "},
    {USCRIPT_THAI, "ขนส่ง", " transport "},
    {USCRIPT_THAI, "ธนาคาร", " bank "},
    {USCRIPT_THAI, "กรุ๊ป", " group "},
    {USCRIPT_THAI, "อินเตอร์เนชั่นแนล", " international "},
    // Myanmar (Burmese): ကုမ္ပဏီလီမိတက် is "Company Limited".
    {USCRIPT_MYANMAR, "ကုမ္ပဏီလီမိတက်", " company limited "},
    {USCRIPT_MYANMAR, "ကုမ္ပဏီ", " company "},
    {USCRIPT_MYANMAR, "လီမိတက်", " limited "},
    {USCRIPT_MYANMAR, "ကုန်သွယ်ရေး", " trading "},
    {USCRIPT_MYANMAR, "ပို့ဆောင်ရေး", " logistics "},
    {USCRIPT_MYANMAR, "စက်မှုလုပ်ငန်း", " industries "},
    {USCRIPT_MYANMAR, "ရေကြောင်းပို့ဆောင်ရေး", " shipping "},
    {USCRIPT_MYANMAR, "ဆေးဝါး", " pharmaceutical "},
    {USCRIPT_MYANMAR, "ဆောက်လုပ်ရေး", " construction "},
    {USCRIPT_MYANMAR, "ဝန်ဆောင်မှု", " services "},
    {USCRIPT_MYANMAR, "ရေနံ", " petroleum "},
    {USCRIPT_MYANMAR, "ဘဏ်", " bank "},
};

// Whole words. Hebrew and Arabic legal forms and the commonest business words; Cyrillic
// legal-form abbreviations (their written-out forms are in the vocabulary, transliterated).
const std::pair<const char*, const char*> kWholeWords[] = {
    // Hebrew.
    {"בע\"מ", " ltd "},
    {"בע״מ", " ltd "},
    {"בעמ", " ltd "},
    {"חברה", " company "},
    {"חברת", " company "},
    {"תעשיות", " industries "},
    {"סחר", " trading "},
    {"ספנות", " shipping "},
    {"הובלה", " transport "},
    {"ימית", " marine "},
    {"מוצרי", " products "},
    {"שירותי", " services "},
    {"שירותים", " services "},
    {"מערכות", " systems "},
    {"האחים", " brothers "},
    {"ובניו", " and sons "},
    {"בניו", " sons "},
    {"יבוא", " import "},
    {"יצוא", " export "},
    {"השקעות", " investments "},
    {"אחזקות", " holdings "},
    {"בנק", " bank "},
    {"כימיקלים", " chemicals "},
    {"תרופות", " pharmaceuticals "},
    {"הנדסה", " engineering "},
    {"לוגיסטיקה", " logistics "},
    {"טכנולוגיות", " technologies "},
    {"בינלאומי", " international "},
    {"חומרי", " materials "},
    {"בניין", " building "},
    {"בנייה", " construction "},
    {"מזון", " foods "},
    {"מתכת", " metal "},
    {"נייר", " paper "},
    {"חשמל", " electric "},
    {"שיווק", " marketing "},
    {"ושיווק", " and marketing "},
    {"חלקים", " parts "},
    {"מדויקים", " precision "},
    {"ניקיון", " cleaning "},
    {"סוכנויות", " agencies "},
    {"פלסטיק", " plastics "},
    {"יהלומים", " diamonds "},
    {"תוצרת", " produce "},
    // Arabic.
    {"شركة", " company "},
    {"شركه", " company "},
    {"مؤسسة", " establishment "},
    {"ذ.م.م", " llc "},
    {"ش.م.م", " llc "},
    {"المحدودة", " limited "},
    {"محدودة", " limited "},
    {"للتجارة", " trading "},
    {"التجارية", " trading "},
    {"تجارة", " trading "},
    {"الدولية", " international "},
    {"العالمية", " global "},
    {"للصرافة", " exchange "},
    {"صرافة", " exchange "},
    {"للشحن", " shipping "},
    {"البحري", " marine "},
    {"للبترول", " petroleum "},
    {"مصرف", " bank "},
    {"بنك", " bank "},
    {"مجموعة", " group "},
    {"للاستثمار", " investment "},
    {"القابضة", " holding "},
    // Persian.
    {"شرکت", " company "},
    {"بازرگانی", " trading "},
    {"سهامی", " joint stock "},
    {"خاص", " private "},
    // Cyrillic abbreviations of legal forms.
    {"ооо", " ooo "},
    {"зао", " zao "},
    {"оао", " oao "},
    {"пао", " pao "},
    {"ао", " ao "},
    {"ип", " ip "},
    {"тов", " tov "},
    {"прат", " prat "},
    {"пат", " pao "},
    {"фоп", " fop "},
    {"тоо", " llp "},
    // Greek.
    {"αε", " ae "},
    {"α.ε.", " ae "},
    {"επε", " epe "},
    {"ε.π.ε.", " epe "},
    // Armenian ՍՊԸ (LLC), Georgian შპს (LLC).
    {"սպը", " llc "},
    {"შპს", " llc "},
};

// The table's words in the form names reach them: NFKC with case folding (Thai ำ decomposes).
icu::UnicodeString Folded(const char* utf8) {
  UErrorCode st = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(st);
  if (U_FAILURE(st)) return u;
  icu::UnicodeString f = nfkc_cf->normalize(u, st);
  return U_FAILURE(st) ? u : f;
}

}  // namespace

const std::vector<std::pair<icu::UnicodeString, const char*>>& RunWords(UScriptCode script) {
  static const auto* by_script = [] {
    auto* m = new std::unordered_map<int, std::vector<std::pair<icu::UnicodeString, const char*>>>;
    for (const auto& w : kRunWords) (*m)[w.script].emplace_back(Folded(w.native), w.english);
    for (auto& [s, v] : *m) {
      std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
        return a.first.length() > b.first.length();
      });
    }
    return m;
  }();
  static const std::vector<std::pair<icu::UnicodeString, const char*>> kNone;
  auto it = by_script->find(script);
  return it == by_script->end() ? kNone : it->second;
}

bool TranslateWord(const icu::UnicodeString& word, std::string& out) {
  static const auto* m = [] {
    auto* t = new std::unordered_map<std::u16string, const char*>;
    for (const auto& [native, english] : kWholeWords) {
      icu::UnicodeString u = Folded(native);
      t->emplace(std::u16string(u.getBuffer(), u.length()), english);
    }
    return t;
  }();
  auto find = [&](const icu::UnicodeString& w) {
    auto it = m->find(std::u16string(w.getBuffer(), w.length()));
    return it == m->end() ? nullptr : it->second;
  };
  if (const char* e = find(word)) {
    out += e;
    return true;
  }
  // Hebrew writes "and" (ו) and "the" (ה) as prefixes: והובלה is "and transport".
  if (word.length() > 2 && (word.charAt(0) == u'ו' || word.charAt(0) == u'ה')) {
    if (const char* e = find(icu::UnicodeString(word, 1))) {
      if (word.charAt(0) == u'ו') out += " and";
      out += e;
      return true;
    }
  }
  return false;
}

}  // namespace chokepoint::parties
