// The OpenAPI document served at /v1/openapi.json against the real route table and the
// running server: every route is documented with its method and path, every documented
// operation is served, and the document is well-formed OpenAPI 3 (references resolve).
#include <gtest/gtest.h>

#include <functional>
#include <regex>
#include <set>

#include "api_fixture.h"

namespace chokepoint::server::testing {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class OpenApi : public ::testing::Test {
 protected:
  void SetUp() override {
    srv_ = std::make_unique<TestServer>();
    Response r = srv_->Get("/v1/openapi.json");  // public: no token
    ASSERT_EQ(r.status, 200) << Show(r);
    EXPECT_EQ(r.content_type, "application/json");
    doc_ = r.json();
    ASSERT_TRUE(doc_.is_object()) << "not JSON: " << r.body.substr(0, 200);
  }
  std::unique_ptr<TestServer> srv_;
  Json doc_;
};

TEST_F(OpenApi, IsAnOpenApi3Document) {
  ASSERT_TRUE(doc_.contains("openapi"));
  std::string v = doc_.at("openapi");
  EXPECT_TRUE(std::regex_match(v, std::regex(R"(3\.[01]\.\d+)"))) << v;
  ASSERT_TRUE(doc_.contains("info"));
  EXPECT_TRUE(doc_.at("info").at("title").is_string());
  EXPECT_TRUE(doc_.at("info").at("version").is_string());
  ASSERT_TRUE(doc_.at("paths").is_object());
  EXPECT_FALSE(doc_.at("paths").empty());

  static const std::set<std::string> kMethods = {"get",     "put",  "post",  "delete",
                                                 "options", "head", "patch", "trace"};
  std::set<std::string> operation_ids;
  for (const auto& [path, item] : doc_.at("paths").items()) {
    EXPECT_EQ(path.rfind('/', 0), 0u) << "paths start with '/': " << path;
    for (const auto& [method, op] : item.items()) {
      ASSERT_TRUE(kMethods.count(method)) << path << " has a non-method key " << method;
      std::string where = method + " " + path;
      ASSERT_TRUE(op.contains("operationId")) << where;
      EXPECT_TRUE(operation_ids.insert(op.at("operationId").get<std::string>()).second)
          << "duplicate operationId " << op.at("operationId") << " at " << where;
      ASSERT_TRUE(op.contains("responses")) << where;
      ASSERT_TRUE(op.at("responses").is_object() && !op.at("responses").empty()) << where;
      for (const auto& [code, resp] : op.at("responses").items()) {
        EXPECT_TRUE(std::regex_match(code, std::regex(R"([1-5]\d\d|default)")))
            << where << " " << code;
        EXPECT_TRUE(resp.contains("description")) << where << " " << code << " needs a description";
      }
      // Path templates and path parameters agree.
      std::set<std::string> in_path, declared;
      static const std::regex kParam(R"(\{([^}]+)\})");
      for (auto it = std::sregex_iterator(path.begin(), path.end(), kParam);
           it != std::sregex_iterator(); ++it)
        in_path.insert((*it)[1]);
      if (op.contains("parameters"))
        for (const auto& p : op.at("parameters")) {
          ASSERT_TRUE(p.contains("name") && p.contains("in")) << where << ": " << p.dump();
          std::string in = p.at("in");
          EXPECT_TRUE(in == "path" || in == "query" || in == "header" || in == "cookie")
              << where << ": " << in;
          EXPECT_TRUE(p.contains("schema")) << where << ": " << p.dump();
          if (in == "path") {
            declared.insert(p.at("name").get<std::string>());
            EXPECT_EQ(p.value("required", false), true)
                << where << ": path parameters are required";
          }
        }
      EXPECT_EQ(in_path, declared) << where;
      // Security names a declared scheme.
      if (op.contains("security")) {
        for (const auto& req : op.at("security"))
          for (const auto& [scheme, scopes] : req.items())
            EXPECT_TRUE(doc_.at("components").at("securitySchemes").contains(scheme))
                << where << " " << scheme;
      }
    }
  }

  // Every $ref points at something that exists in this document.
  int refs = 0;
  std::function<void(const Json&, const std::string&)> walk = [&](const Json& j,
                                                                  const std::string& at) {
    if (j.is_object()) {
      for (const auto& [k, v] : j.items()) {
        if (k == "$ref") {
          ++refs;
          ASSERT_TRUE(v.is_string()) << at;
          std::string ref = v;
          ASSERT_EQ(ref.rfind("#/", 0), 0u) << "only local references: " << ref;
          std::string pointer = ref.substr(1);
          EXPECT_TRUE(doc_.contains(nlohmann::json::json_pointer(pointer)))
              << at << ": dangling " << ref;
        } else {
          walk(v, at + "/" + k);
        }
      }
    } else if (j.is_array()) {
      for (size_t i = 0; i < j.size(); ++i) walk(j[i], at + "/" + std::to_string(i));
    }
  };
  walk(doc_, "");
  EXPECT_GT(refs, 10);
  // The error schema is the problem+json the server sends.
  const Json& problem = doc_.at("components").at("schemas").at("Problem");
  for (const char* f : {"type", "title", "status", "code", "detail", "field"})
    EXPECT_TRUE(problem.at("properties").contains(f)) << f;
}

TEST_F(OpenApi, EveryRouteIsDocumentedAndEveryDocumentedOperationIsARoute) {
  const Json& paths = doc_.at("paths");
  std::set<std::pair<std::string, std::string>> routes, documented;
  for (const auto& r : Server::Routes()) {
    routes.insert({Lower(r.method), r.path});
    ASSERT_TRUE(paths.contains(r.path)) << r.method << " " << r.path << " is not documented";
    ASSERT_TRUE(paths.at(r.path).contains(Lower(r.method)))
        << r.method << " " << r.path << " is not documented";
    const Json& op = paths.at(r.path).at(Lower(r.method));
    EXPECT_EQ(op.at("operationId"), r.name);
    if (r.authenticated) {
      EXPECT_EQ(op.at("security"), Json::parse(R"([{"bearer": []}])")) << r.path;
      for (const char* code : {"401", "403", "429"})
        EXPECT_TRUE(op.at("responses").contains(code)) << r.path << " " << code;
      // The documented roles are the role table's.
      std::string roles;
      for (auto role : access::AllRoles())
        if (access::Allowed(role, r.action))
          roles += (roles.empty() ? "" : ", ") + std::string(access::RoleName(role));
      EXPECT_NE(op.value("description", "").find("Roles: " + roles + "."), std::string::npos)
          << r.path;
    } else {
      EXPECT_EQ(op.at("security"), Json::array()) << r.path << " is public";
    }
    if (r.method == "POST") {
      EXPECT_TRUE(op.contains("requestBody")) << r.path;
      EXPECT_TRUE(op.at("responses").contains("400")) << r.path;
      EXPECT_TRUE(op.at("responses").contains("413")) << r.path;
      EXPECT_TRUE(op.at("responses").contains("411")) << r.path;
    }
    if (r.path.find("{id}") != std::string::npos) {
      EXPECT_TRUE(op.at("responses").contains("404")) << r.path;
    }
  }
  for (const auto& [path, item] : paths.items())
    for (const auto& [method, op] : item.items()) {
      documented.insert({method, path});
      EXPECT_TRUE(routes.count({method, path}))
          << method << " " << path << " is documented but is no route";
    }
  EXPECT_EQ(routes, documented);
  EXPECT_EQ(routes.size(), Server::Routes().size()) << "no route is listed twice";
}

TEST_F(OpenApi, EveryDocumentedOperationIsServed) {
  // Requested for real: the router knows every documented method + path (a missing route
  // answers 404 "no_route"; a route answers anything else, here 401 without a token).
  for (const auto& [path, item] : doc_.at("paths").items())
    for (const auto& [method, op] : item.items()) {
      std::string concrete = std::regex_replace(path, std::regex(R"(\{[^}]+\})"), "SO-1");
      Response r = srv_->Send(method == "get" ? "GET" : "POST", concrete, "", "{}");
      EXPECT_NE(r.status, -1) << method << " " << concrete;
      Json j = r.json();
      EXPECT_FALSE(j.is_object() && j.value("code", "") == "no_route")
          << method << " " << concrete << ": " << Show(r);
      bool is_public = op.at("security").empty();
      if (is_public && method == "post") {
        // The exchange's inbound route: authenticated by a signature, which "{}" lacks.
        EXPECT_EQ(r.status, 400) << method << " " << concrete;
        EXPECT_EQ(j.value("code", ""), "malformed_envelope") << Show(r);
      } else if (is_public) {
        EXPECT_EQ(r.status, 200) << method << " " << concrete;
      } else {
        EXPECT_EQ(r.status, 401) << method << " " << concrete;
      }
    }
}

}  // namespace
}  // namespace chokepoint::server::testing
