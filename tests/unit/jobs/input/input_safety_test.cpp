// Input that must not harm the customer or the wire (issue 11, cases 1 and 6): the numbers
// --prune keeps for refused rows, and the etag rules of an account row.
#include "jobs/input/account_row.hpp"
#include "jobs/input/header_rules.hpp"
#include "jobs/preflight/prune_guard.hpp"
#include "tests/support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov;

namespace {

std::vector<std::uint64_t> keys(std::initializer_list<std::uint64_t> k) { return k; }

io::input_record account_csv(std::string etag) {
  io::input_record r;
  r.file = "accounts.csv";
  r.line = 4;
  r.fields = {{"name", "northwind"}, {"etag", std::move(etag)}};
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(input_safety)

BOOST_AUTO_TEST_CASE(prune_keeps_the_numbers_of_refused_rows_in_every_account) {
  io_test::temp_dir dir;
  auto csv = dir.write("n.csv",
                       "accountName,telephoneNumber,services,action\n"
                       "fabrikam,+14255550001,zoomPhoneCloudPeering,\n"
                       "fabrikam,+14255550002,zoomPhoneCloudPeerin,\n"         // typo in services
                       "contoso,+14255550003,zoomPhoneCloudPeering,updsert\n"  // bad action
                       "fabrikam,+14255550004,zoom\"PhoneCloudPeering,\n"      // stray quote
                       "fabrik am,+14255550005,,\n"                            // bad account
                       "contoso,+14255550006,,delete\n");
  auto nd = dir.write("n.ndjson", "{\"accountName\":\"contoso\",\"telephoneNumber\":\"+14255550007\",\"x\":\n");
  auto named = jobs::named_numbers({{csv, io::input_format::csv}, {nd, io::input_format::ndjson}});
  BOOST_TEST_REQUIRE(named.size() == 2u);  // refused rows add no account to prune
  BOOST_TEST(named["fabrikam"] == keys({14255550001, 14255550002, 14255550003, 14255550004, 14255550005, 14255550007}),
             boost::test_tools::per_element());
  BOOST_TEST(named["contoso"] == keys({14255550002, 14255550003, 14255550004, 14255550005, 14255550006, 14255550007}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_row_whose_number_cannot_be_read_refuses_the_prune) {
  io_test::temp_dir dir;
  const std::vector<std::pair<std::string, std::string>> cases{
      {"empty.csv", "accountName,telephoneNumber\nfabrikam,+14255550001\nfabrikam,\n"},
      {"plain.csv", "accountName,telephoneNumber\nfabrikam,+14255550001\nfabrikam,4255550002\n"},
      {"cut.json", "[{\"accountName\":\"fabrikam\",\"telephoneNumber\":\"+14255550001\"},\n{\"accountName\":"},
  };
  for (const auto& [name, content] : cases) {
    BOOST_TEST_CONTEXT(name) {
      auto path = dir.write(name, content);
      auto format = name.ends_with(".csv") ? io::input_format::csv : io::input_format::json;
      try {
        jobs::named_numbers({{path, format}});
        BOOST_ERROR("not refused");
      } catch (const jobs::prune_refused& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find(path + ":") != std::string::npos, what);
        BOOST_TEST(what.find("--prune refused") != std::string::npos, what);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(etags_are_quoted_visible_and_short) {
  for (std::string ok : {"\"0x8DC1\"", "W/\"abc\"", "\"\"", "\"e\xC3\xA9\""}) BOOST_TEST(!jobs::check_etag(ok), ok);
  const std::vector<std::string> bad_ones{"0x8DC1",
                                          "\"a",
                                          "W/abc",
                                          "\"a\"b\"",
                                          "\"a b\"",
                                          "*",
                                          "\"e1\"\r\nDELETE /accounts/victim",
                                          std::string("\"a\0\"", 4),
                                          "\"" + std::string(1023, 'e') + "\""};
  for (const auto& bad : bad_ones) BOOST_TEST(jobs::check_etag(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(a_bad_etag_makes_its_account_row_invalid) {
  auto v = jobs::to_account_task(account_csv("\"e1\"\r\nDELETE /accounts/victim HTTP/1.1"));
  auto* bad = std::get_if<jobs::invalid_row>(&v);
  BOOST_TEST_REQUIRE(bad);
  BOOST_TEST(bad->row.file == "accounts.csv");
  BOOST_TEST(bad->row.line == 4u);
  BOOST_TEST(bad->row.account_name == "northwind");
  BOOST_TEST(bad->row.errors.at(0).code == "InvalidHeaderValue");
  BOOST_TEST(bad->row.errors.at(0).target == "etag");
  BOOST_TEST(bad->row.errors.at(0).message.find("\\x0D\\x0A") != std::string::npos, bad->row.errors.at(0).message);
  auto big = jobs::to_account_task(account_csv("\"" + std::string(70'000, 'e') + "\""));
  BOOST_TEST_REQUIRE(std::holds_alternative<jobs::invalid_row>(big));
  BOOST_TEST(std::get<jobs::invalid_row>(big).row.errors.at(0).message.find("at most 1024") != std::string::npos);
  auto good = jobs::to_account_task(account_csv("W/\"0x8DC1\""));
  BOOST_TEST_REQUIRE(std::holds_alternative<jobs::resource_task>(good));
  BOOST_TEST(std::get<jobs::resource_task>(good).if_match == "W/\"0x8DC1\"");
}

BOOST_AUTO_TEST_SUITE_END()
