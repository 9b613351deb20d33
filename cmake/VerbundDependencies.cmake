# Every dependency is a Debian package (scripts/install-deps.sh installs them).
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(TBB REQUIRED)
find_package(Boost 1.74 REQUIRED)            # Boost.Graph is header-only for what we use
# Found now so that a missing package fails at configure time; linked by the modules that use
# them (network analysis, TOML scenario and call files).
find_package(igraph REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
