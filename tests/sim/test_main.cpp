// The one file that defines the sim_tests module: the emulator driven over real HTTPS.
#define BOOST_TEST_MODULE sim_tests
#include <boost/test/unit_test.hpp>
