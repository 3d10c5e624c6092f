// The one file that defines the sim_tests module: the emulator driven over real HTTPS. The
// cases of pure logic, without sockets, are in suite `logic` in every file (--run_test=logic).
#define BOOST_TEST_MODULE sim_tests
#include <boost/test/unit_test.hpp>
