// The swagger's patterns as the validation checks them (sim/api/validation.hpp), without sockets.
#include "sim/api/validation.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::sim;

BOOST_AUTO_TEST_SUITE(logic)

BOOST_AUTO_TEST_CASE(patterns) {
  BOOST_TEST(is_e164("+15551234567"));
  BOOST_TEST(is_e164("+123456789012345"));    // 16 characters
  BOOST_TEST(!is_e164("+1234567890123456"));  // 17
  BOOST_TEST(!is_e164("+0123"));
  BOOST_TEST(!is_e164("+1"));
  BOOST_TEST(!is_e164("15551234567"));
  BOOST_TEST(!is_e164("+1555 123"));
  BOOST_TEST(is_account_name("Contoso_01-x"));
  BOOST_TEST(!is_account_name("con.toso"));
  BOOST_TEST(!is_account_name(std::string(101, 'a')));
  BOOST_TEST(is_subdomain("abcdefghij"));
  BOOST_TEST(!is_subdomain("abcdefghijk"));
  BOOST_TEST(is_subdomain_token("dG9rZW4="));
  BOOST_TEST(!is_subdomain_token("a b"));
  BOOST_TEST(is_custom_sip_header("contoso-commsgw"));
  BOOST_TEST(!is_custom_sip_header(""));
  BOOST_TEST(is_guid("a7f4bd5c-cc01-40f4-8baa-2b6bdb272b8a"));
  BOOST_TEST(is_guid("A7F4BD5C-CC01-40F4-8BAA-2B6BDB272B8A"));
  BOOST_TEST(!is_guid("contosoTenantId"));
}

BOOST_AUTO_TEST_SUITE_END()
