# Installs verbund::verbund as a CMake package, so find_package(verbund) works from a prefix.
include(CMakePackageConfigHelpers)

install(TARGETS verbund verbund_cli EXPORT verbundTargets
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/verbund DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/include/verbund/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/verbund)
install(DIRECTORY data/ DESTINATION ${CMAKE_INSTALL_DATADIR}/verbund)
install(EXPORT verbundTargets NAMESPACE verbund:: FILE verbundTargets.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/verbund)

configure_package_config_file(cmake/verbundConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/verbundConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/verbund)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/verbundConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/verbundConfig.cmake
              ${PROJECT_BINARY_DIR}/verbundConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/verbund)
