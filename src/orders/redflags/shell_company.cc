// Shell-company signs of a counterparty in the chemical trade: residential address, free
// webmail for a company, no website (little or no online presence).
#include "orders/redflags/common.h"
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {
namespace {

const char* const kResidential[] = {"flat",  "apartment", "apt",      "residential", "residence",
                                    "villa", "dormitory", "house no", "bedroom"};
const char* const kWebmail[] = {
    "gmail.com", "qq.com",         "163.com",   "126.com",     "outlook.com", "hotmail.com",
    "yahoo.com", "protonmail.com", "proton.me", "foxmail.com", "sina.com",    "aliyun.com",
    "yeah.net",  "mail.ru",        "yandex.ru", "icloud.com",  "tutanota.com"};

class ShellCompanyRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo k{
        "shell_company",
        "FIN-2024-A002 red flags 2, 6; FIN-2019-A006 (shell-company indicators)",
        "Counterparty company with a residential address, webmail only or no online presence",
        false,
        {{"min_signs", 2}}};
    return k;
  }
  void Evaluate(const RuleContext& ctx, std::vector<Reason>& out) const override {
    const Order& o = ctx.order;
    if (!redflags::OfConcern(o, ctx.eval)) return;
    for (const Party* p : {&o.seller, &o.buyer}) {
      if (p->empty() || p->type == "individual") continue;
      std::vector<std::string> signs;
      std::string addr = Lower(p->address);
      for (const char* w : kResidential) {
        if (redflags::HasWord(addr, w)) {
          signs.push_back("residential address ('" + p->address + "')");
          break;
        }
      }
      bool corporate_mail = false, any_mail = !p->emails.empty();
      for (const auto& e : p->emails) {
        std::string domain =
            Lower(e.substr(e.find('@') == std::string::npos ? e.size() : e.find('@') + 1));
        bool webmail = false;
        for (const char* w : kWebmail) webmail = webmail || domain == w;
        corporate_mail = corporate_mail || !webmail;
      }
      if (any_mail && !corporate_mail) signs.push_back("webmail only (" + p->emails.front() + ")");
      if (p->website.empty()) signs.push_back("no website");
      if (static_cast<double>(signs.size()) < ctx.param("min_signs")) continue;
      bool prc = redflags::IsPrcOrHk(p->country);
      out.push_back(
          Make(prc ? Severity::kHigh : Severity::kMedium,
               redflags::PartyLabel(*p) + " shows shell-company signs: " + redflags::JoinAnd(signs),
               -1, p->role));
    }
  }
};

}  // namespace

const Rule* ShellCompanyRuleInstance() {
  static const ShellCompanyRule r;
  return &r;
}

}  // namespace chokepoint::orders
