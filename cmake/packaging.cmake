# Installation (cmake --install) and the Debian package (cpack -G DEB): acgprov and
# acgprov-sim in bin/ (their own install() rules), their man pages, the README and the samples.
# Included from the top CMakeLists.txt after the targets exist.
include(GNUInstallDirs)

install(FILES ${PROJECT_SOURCE_DIR}/docs/man/acgprov.1 ${PROJECT_SOURCE_DIR}/docs/man/acgprov-sim.1
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# CMAKE_INSTALL_DOCDIR is share/doc/acgprov: Debian's place for a package's documentation.
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/sim.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/samples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/samples)

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "acgprov")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "acgprov")
set(CPACK_PACKAGE_CONTACT "acgprov maintainers <acgprov@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "acgprov loads telephone numbers (10,000 to 1,000,000 at a time) into an Azure Communications Gateway through its Provisioning API, as fast as the API's rate limit allows, with one report row per input row; resumable, stoppable and lockable for schedulers. acgprov-sim is an emulator of the API over HTTPS for rehearsals and tests.")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # acgprov_0.1.0_amd64.deb
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
# The shared libraries the binaries link (Boost.JSON and Boost.URL 1.81, OpenSSL 3, libstdc++):
# dpkg-shlibdeps reads them from the binaries when it is there (dpkg-dev); else the list is
# written out for Debian 12.
find_program(ACGPROV_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(ACGPROV_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
      "libboost-json1.81.0, libboost-url1.81.0, libssl3 (>= 3.0.0), libstdc++6 (>= 12), libgcc-s1, libc6 (>= 2.34)")
endif()
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cron | systemd")
include(CPack)
