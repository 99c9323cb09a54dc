// libFuzzer targets for every parser of outside chemical input. Each target is selected at
// compile time with -DCP_FUZZ_TARGET=<name>; fuzz/CMakeLists.txt builds one binary per target,
// and a replay binary that runs the seed corpus under CTest in the normal build.
#include <GraphMol/RDKitBase.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "chem/cas.h"
#include "chem/inchi.h"
#include "chem/molecule.h"
#include "chem/standardize.h"
#include "classify/engine.h"
#include "rules/rulebook_set.h"

namespace {

using namespace chokepoint;

void FuzzSmiles(std::string_view s) {
  chem::QuietRdkitLogs();
  auto mol = chem::ParseSmiles(s);
  if (!mol.ok()) return;
  auto std = chem::Standardize(std::move(*mol), nullptr);
  if (std.ok()) (void)chem::CanonicalSmiles(*std->parent);
}

void FuzzMolfile(std::string_view s) {
  chem::QuietRdkitLogs();
  (void)chem::ParseMolfile(s);
}

void FuzzInchi(std::string_view s) {
  auto mol = chem::ParseInchi(s);
  if (mol.ok()) (void)chem::CanonicalSmiles(**mol);
}

void FuzzCas(std::string_view s) { (void)chem::ParseCas(s); }

void FuzzClassify(std::string_view s) {
  static std::shared_ptr<const classify::Engine> engine = [] {
    auto rules = rules::LoadRulebooks(std::string(CHOKEPOINT_SOURCE_DIR) + "/data/rulebooks");
    if (!rules.ok()) std::abort();
    return std::make_shared<const classify::Engine>(*rules);
  }();
  classify::ClassifyOptions o;
  (void)engine->Classify(s, o);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
#if defined(CP_FUZZ_TARGET_smiles)
  FuzzSmiles(s);
#elif defined(CP_FUZZ_TARGET_molfile)
  FuzzMolfile(s);
#elif defined(CP_FUZZ_TARGET_inchi)
  FuzzInchi(s);
#elif defined(CP_FUZZ_TARGET_cas)
  FuzzCas(s);
#elif defined(CP_FUZZ_TARGET_classify)
  FuzzClassify(s);
#else
  FuzzSmiles(s);
  FuzzMolfile(s);
  FuzzInchi(s);
  FuzzCas(s);
  FuzzClassify(s);
#endif
  return 0;
}
