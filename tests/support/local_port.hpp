#pragma once
// A TCP port on 127.0.0.1 that the kernel handed out a moment ago: bound by us, then closed, so
// that nothing listens on it (an address that refuses connections, or a port to start a server
// on). Throws std::runtime_error when no socket can be bound.
namespace acgprov::test {

unsigned short free_local_port();

}  // namespace acgprov::test
