#include "flags/transform_set.h"

#include <GraphMol/ChemReactions/Reaction.h>
#include <GraphMol/RDKitBase.h>
#include <GraphMol/SmilesParse/SmilesParse.h>

#include <algorithm>
#include <filesystem>

#include "chem/standardize.h"
#include "util/yaml_reader.h"

namespace chokepoint::flags {

namespace fs = std::filesystem;

const Transform* TransformSet::Find(const std::string& id) const {
  for (const auto& t : transforms)
    if (t.id == id) return &t;
  return nullptr;
}

namespace {

class TransformLoader {
 public:
  explicit TransformLoader(TransformSet& set) : set_(set) {}

  void LoadFile(const fs::path& path) {
    yaml::Node root;
    if (!r_.Open(path, &root)) return;
    set_.files.push_back(path.string());
    r_.CheckKeys(root, {"title", "note", "checked", "transforms", "scaffolds"});
    if (root["transforms"]) {
      if (!root["transforms"].IsSequence())
        r_.Error(YamlReader::Line(root["transforms"]), "'transforms' must be a list");
      else
        for (const auto& n : root["transforms"]) LoadTransform(n);
    }
    if (root["scaffolds"]) {
      if (!root["scaffolds"].IsSequence())
        r_.Error(YamlReader::Line(root["scaffolds"]), "'scaffolds' must be a list");
      else
        for (const auto& n : root["scaffolds"]) LoadScaffold(n);
    }
  }

  std::vector<std::string> Finish() {
    set_.version = r_.Version("transforms");
    return r_.errors();
  }

 private:
  bool ValidSmiles(const yaml::Node& node, const std::string& smiles, const char* what) {
    auto m = chem::ParseSmiles(smiles);
    if (!m.ok()) r_.Error(YamlReader::Line(node), std::string(what) + ": " + m.status().message());
    return m.ok();
  }

  void LoadTransform(const yaml::Node& n) {
    if (!n.IsMap()) {
      r_.Error(YamlReader::Line(n), "a transform must be a mapping");
      return;
    }
    r_.CheckKeys(n, {"id", "name", "kind", "smarts", "chemistry", "citation", "examples", "note"});
    Transform t;
    t.location = r_.Where(n);
    t.id = r_.Str(n, "id", true);
    t.name = r_.Str(n, "name", true);
    std::string kind = r_.Str(n, "kind", true);
    if (kind == "unmask")
      t.kind = TransformKind::kUnmask;
    else if (kind == "forward")
      t.kind = TransformKind::kForward;
    else if (!kind.empty())
      r_.Error(YamlReader::Line(n["kind"]),
               "kind must be 'unmask' or 'forward', not '" + kind + "'");
    t.smarts = r_.Str(n, "smarts", true);
    t.chemistry = r_.Str(n, "chemistry", true);
    t.citation = r_.Str(n, "citation", true);
    r_.UniqueId(n, t.id);
    if (!t.smarts.empty()) {
      auto rxn = CompileTransform(t.smarts);
      if (!rxn.ok())
        r_.Error(YamlReader::Line(n["smarts"]), rxn.status().message());
      else {
        t.reaction = *rxn;
        t.floor = ElementFloor(**t.reaction->beginReactantTemplates());
      }
    }
    yaml::Node ex = n["examples"];
    if (!ex || !ex.IsSequence() || ex.size() == 0) {
      r_.Error(YamlReader::Line(n),
               "transform '" + t.id +
                   "' needs 'examples' (at least one it applies to and one it must not)");
    } else {
      bool positive = false, negative = false;
      for (const auto& e : ex) {
        if (!e.IsMap()) {
          r_.Error(YamlReader::Line(e), "an example must be a mapping with 'input'");
          continue;
        }
        r_.CheckKeys(e, {"input", "gives", "not_gives", "applies", "why"});
        TransformExample x;
        x.location = r_.Where(e);
        x.input = r_.Str(e, "input", true);
        x.gives = r_.StrList(e, "gives");
        x.not_gives = r_.StrList(e, "not_gives");
        x.why = r_.Str(e, "why", false);
        std::string applies = r_.Str(e, "applies", false);
        if (applies == "false")
          x.applies = false;
        else if (!applies.empty() && applies != "true")
          r_.Error(YamlReader::Line(e["applies"]), "'applies' must be true or false");
        if (!x.applies && !x.gives.empty())
          r_.Error(x.location.line, "an example with 'applies: false' cannot list 'gives'");
        if (x.applies && x.gives.empty())
          r_.Error(x.location.line, "an example that applies must say what it 'gives'");
        if (!x.input.empty()) ValidSmiles(e, x.input, "input");
        for (const auto& g : x.gives) ValidSmiles(e, g, "gives");
        for (const auto& g : x.not_gives) ValidSmiles(e, g, "not_gives");
        positive |= x.applies;
        negative |= !x.applies || !x.not_gives.empty();
        t.examples.push_back(std::move(x));
      }
      if (!positive)
        r_.Error(t.location.line, "transform '" + t.id + "' has no example it applies to");
      if (!negative)
        r_.Error(t.location.line, "transform '" + t.id + "' has no example it must not apply to");
    }
    set_.transforms.push_back(std::move(t));
  }

  void LoadScaffold(const yaml::Node& n) {
    if (!n.IsMap()) {
      r_.Error(YamlReader::Line(n), "a scaffold must be a mapping");
      return;
    }
    r_.CheckKeys(n, {"id", "name", "smarts", "note"});
    Scaffold s;
    s.location = r_.Where(n);
    s.id = r_.Str(n, "id", true);
    s.name = r_.Str(n, "name", true);
    s.smarts = r_.Str(n, "smarts", true);
    r_.UniqueId(n, s.id);
    if (!s.smarts.empty()) {
      std::shared_ptr<RDKit::ROMol> q;
      try {
        q.reset(RDKit::SmartsToMol(s.smarts));
      } catch (const std::exception&) {
      }
      if (!q) r_.Error(YamlReader::Line(n["smarts"]), "invalid SMARTS '" + s.smarts + "'");
      s.query = q;
      if (q) s.floor = ElementFloor(*q);
    }
    set_.scaffolds.push_back(std::move(s));
  }

  TransformSet& set_;
  YamlReader r_;
};

std::string Canon(const std::string& smiles) {
  auto m = chem::ParseSmiles(smiles);
  if (!m.ok()) return "";
  auto s = chem::Standardize(std::move(*m), nullptr);
  if (!s.ok()) return "";
  return chem::CanonicalSmiles(*s->parent);
}

}  // namespace

Result<std::shared_ptr<const TransformSet>> LoadTransforms(const std::string& dir) {
  chem::QuietRdkitLogs();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::NotFound("transform directory '" + dir + "' does not exist",
                            "transforms_missing");
  }
  auto set = std::make_shared<TransformSet>();
  TransformLoader loader(*set);
  for (const auto& f : YamlFiles(dir)) loader.LoadFile(f);
  auto errors = loader.Finish();
  if (!errors.empty()) {
    std::string msg = std::to_string(errors.size()) + " problem(s) in transforms:";
    for (const auto& e : errors) msg += "\n" + e;
    return Status::Corruption(msg, "invalid_transforms");
  }
  if (set->transforms.empty())
    return Status::NotFound("no transforms found in '" + dir + "'", "transforms_missing");
  return std::shared_ptr<const TransformSet>(std::move(set));
}

std::vector<std::string> CheckTransformExamples(const TransformSet& set) {
  std::vector<std::string> failures;
  for (const auto& t : set.transforms) {
    for (const auto& x : t.examples) {
      auto mol = chem::ParseSmiles(x.input);
      if (!mol.ok()) continue;  // reported at load time
      auto std = chem::Standardize(std::move(*mol), nullptr);
      if (!std.ok()) continue;
      auto products = ApplyTransform(t, *std->parent);
      std::string got;
      for (const auto& p : products) got += (got.empty() ? "" : ", ") + p.smiles;
      if (got.empty()) got = "nothing";
      auto fail = [&](const std::string& what) {
        failures.push_back(x.location.ToString() + ": transform " + t.id + " on " + x.input + ": " +
                           what + " (got " + got + ")");
      };
      auto has = [&](const std::string& smiles) {
        std::string c = Canon(smiles);
        return std::any_of(products.begin(), products.end(),
                           [&](const Product& p) { return p.smiles == c; });
      };
      if (!x.applies && !products.empty()) fail("must not apply");
      for (const auto& g : x.gives)
        if (!has(g)) fail("expected " + g);
      for (const auto& g : x.not_gives)
        if (has(g)) fail("must not give " + g);
    }
  }
  return failures;
}

}  // namespace chokepoint::flags
