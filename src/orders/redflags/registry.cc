// The one list of red-flag rules (DuckDB optimizer style): order here is the order in which
// rules run; neither decisions nor the order of reasons depend on it (Decide sorts reasons).
#include "orders/redflags/redflags.h"

namespace chokepoint::orders {

const std::vector<const Rule*>& AllRules() {
  static const std::vector<const Rule*> kRules = {
      ControlledSubstanceRuleInstance(),
      ListedChemicalRuleInstance(),
      UnidentifiedSubstanceRuleInstance(),
      MissingAuthorizationRuleInstance(),
      MaskedPrecursorRuleInstance(),
      MislabelingRuleInstance(),
      PillPressRuleInstance(),
      SanctionedPartyRuleInstance(),
      UnrelatedIndustryRuleInstance(),
      ShellCompanyRuleInstance(),
      PrcPhoneRuleInstance(),
      MissingLicenseRuleInstance(),
      PaymentMethodRuleInstance(),
      LowDollarPaymentRuleInstance(),
      StructuringRuleInstance(),
      ThirdPartyPayerRuleInstance(),
      UncommonDeliveryRuleInstance(),
      DrugTermsRuleInstance(),
      NewCustomerRuleInstance(),
      UnusualSizeRuleInstance(),
      UnusualFrequencyRuleInstance(),
      UnusualPatternRuleInstance(),
      SharedContactsRuleInstance(),
      ManyToOnePayerRuleInstance(),
  };
  return kRules;
}

const Rule* FindRule(const std::string& id) {
  for (const Rule* r : AllRules())
    if (r->info().id == id) return r;
  return nullptr;
}

}  // namespace chokepoint::orders
