# Installation (cmake --install) and the Debian packages (cpack -G DEB), two of them:
#   acgprov      the engine (bin/acgprov, its install() rule in jobs/), its man page and bash and
#                zsh completions, the README,
#                the samples as examples (/usr/share/doc/acgprov/examples: job file, cron,
#                systemd unit and timer, Kubernetes CronJob, Airflow DAG, env file);
#   acgprov-sim  the emulator (bin/acgprov-sim, sim/), its man page and docs/sim.md.
# Each with its Debian copyright file (DEP-5, Apache-2.0) and changelog. The binaries are
# stripped into the packages; their debug symbols go to acgprov-dbgsym / acgprov-sim-dbgsym
# (.ddeb, /usr/lib/debug/.build-id), which needs a build with debug info (RelWithDebInfo).
# Included from the top CMakeLists.txt after the targets exist.
include(GNUInstallDirs)

set(ACGPROV_DOCDIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/acgprov)
set(ACGPROV_SIM_DOCDIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/acgprov-sim)

# Man pages and changelogs gzip'ed (-9n: no name or time stamp, reproducible), as Debian
# policy wants them; redone whenever their sources change (they are configure dependencies).
set(ACGPROV_PACKAGING_DIR ${PROJECT_BINARY_DIR}/packaging)
find_program(ACGPROV_GZIP gzip REQUIRED)
function(acgprov_gzip source output)
  execute_process(COMMAND ${ACGPROV_GZIP} -9n -c ${source} OUTPUT_FILE ${output} RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "gzip ${source} failed")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${source})
endfunction()
foreach(package acgprov acgprov-sim)
  file(MAKE_DIRECTORY ${ACGPROV_PACKAGING_DIR}/${package})
  acgprov_gzip(${PROJECT_SOURCE_DIR}/docs/man/${package}.1 ${ACGPROV_PACKAGING_DIR}/${package}/${package}.1.gz)
  set(PACKAGE ${package})
  set(VERSION ${PROJECT_VERSION})
  configure_file(${PROJECT_SOURCE_DIR}/packaging/changelog.in ${ACGPROV_PACKAGING_DIR}/${package}/changelog @ONLY)
  acgprov_gzip(${ACGPROV_PACKAGING_DIR}/${package}/changelog ${ACGPROV_PACKAGING_DIR}/${package}/changelog.gz)
endforeach()

install(FILES ${ACGPROV_PACKAGING_DIR}/acgprov/acgprov.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT engine)
# The completions (made from the option table, like the man page: cmake/cli_docs.cmake).
install(FILES ${PROJECT_SOURCE_DIR}/completions/acgprov.bash
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/bash-completion/completions RENAME acgprov COMPONENT engine)
install(FILES ${PROJECT_SOURCE_DIR}/completions/_acgprov DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/zsh/vendor-completions
        COMPONENT engine)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/packaging/copyright
              ${ACGPROV_PACKAGING_DIR}/acgprov/changelog.gz
        DESTINATION ${ACGPROV_DOCDIR} COMPONENT engine)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/samples/ DESTINATION ${ACGPROV_DOCDIR}/examples COMPONENT engine
        PATTERN "__pycache__" EXCLUDE)

install(FILES ${ACGPROV_PACKAGING_DIR}/acgprov-sim/acgprov-sim.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
        COMPONENT sim)
install(FILES ${PROJECT_SOURCE_DIR}/docs/sim.md ${PROJECT_SOURCE_DIR}/packaging/copyright
              ${ACGPROV_PACKAGING_DIR}/acgprov-sim/changelog.gz
        DESTINATION ${ACGPROV_SIM_DOCDIR} COMPONENT sim)

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "acgprov")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "acgprov")
set(CPACK_PACKAGE_CONTACT "acgprov maintainers <maintainers@acgprov.example.org>")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_DEB_COMPONENT_INSTALL ON)
# Each package's description starts with its own synopsis line: no common summary prepended.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_COMPONENTS_ALL engine sim)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # acgprov_0.1.0_amd64.deb, acgprov-sim_0.1.0_amd64.deb
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://acgprov.example.org")
# Stripped binaries in the packages, their debug symbols in -dbgsym (.ddeb) beside them.
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)

set(CPACK_DEBIAN_ENGINE_PACKAGE_NAME "acgprov")
set(CPACK_COMPONENT_ENGINE_DESCRIPTION
    "bulk provisioning for the Azure Communications Gateway Provisioning API\n"
    "acgprov loads telephone numbers (10,000 to 1,000,000 at a time) into an Azure\n"
    "Communications Gateway through its Provisioning API, as fast as the API's rate\n"
    "limit allows, with one report row per input row. Runs are resumable, stoppable\n"
    "and locked for schedulers, and leave a JSON summary and Prometheus metrics.\n"
    "Examples for cron, systemd, Kubernetes and Airflow are included.")
set(CPACK_DEBIAN_ENGINE_PACKAGE_SUGGESTS "acgprov-sim, cron | systemd, prometheus-node-exporter")
set(CPACK_DEBIAN_SIM_PACKAGE_NAME "acgprov-sim")
set(CPACK_COMPONENT_SIM_DESCRIPTION
    "emulator of the Azure Communications Gateway Provisioning API\n"
    "acgprov-sim answers the Provisioning API and an identity platform over\n"
    "HTTPS on 127.0.0.1, with rate limits, backend syncs and faults, for\n"
    "rehearsals of acgprov runs and for tests.")
set(CPACK_DEBIAN_SIM_PACKAGE_SECTION "devel")

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
include(CPack)
