// The one translation unit that defines the end-to-end test module: `acgprov` against
// `acgprov-sim` over HTTPS on 127.0.0.1.
#define BOOST_TEST_MODULE acgprov_e2e_tests
#include <boost/test/unit_test.hpp>
