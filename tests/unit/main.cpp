// The one translation unit that defines the unit test module (Boost.Test, dynamic link).
#define BOOST_TEST_MODULE acgprov_unit_tests
#include <boost/test/unit_test.hpp>
