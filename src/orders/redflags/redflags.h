// The red-flag rules, one per file in this folder. Add a rule: write <id>.cc with a Rule
// subclass and its instance function, declare the function here, list it in registry.cc,
// add <id>_test.cc, a policy entry in data/policy/default.yaml and a line in docs/orders.md.
#pragma once

#include "orders/rule.h"

namespace chokepoint::orders {

// Item status (classify engine).
const Rule* ControlledSubstanceRuleInstance();
const Rule* ListedChemicalRuleInstance();
const Rule* UnidentifiedSubstanceRuleInstance();
const Rule* MissingAuthorizationRuleInstance();
const Rule* MaskedPrecursorRuleInstance();
const Rule* MislabelingRuleInstance();
const Rule* PillPressRuleInstance();
// Parties.
const Rule* SanctionedPartyRuleInstance();
const Rule* UnrelatedIndustryRuleInstance();
const Rule* ShellCompanyRuleInstance();
const Rule* PrcPhoneRuleInstance();
const Rule* MissingLicenseRuleInstance();
// Payment and delivery.
const Rule* PaymentMethodRuleInstance();
const Rule* LowDollarPaymentRuleInstance();
const Rule* StructuringRuleInstance();
const Rule* ThirdPartyPayerRuleInstance();
const Rule* UncommonDeliveryRuleInstance();
const Rule* DrugTermsRuleInstance();
// History (run in input order).
const Rule* NewCustomerRuleInstance();
const Rule* UnusualSizeRuleInstance();
const Rule* UnusualFrequencyRuleInstance();
const Rule* UnusualPatternRuleInstance();
const Rule* SharedContactsRuleInstance();
const Rule* ManyToOnePayerRuleInstance();

}  // namespace chokepoint::orders
