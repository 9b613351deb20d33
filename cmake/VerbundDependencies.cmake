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
# Learned partner recommendation (learning to rank through XGBoost's C API, libxgboost-dev).
# Found by path: Debian's xgboost-config.cmake also demands the xgboost CLI (/usr/bin/xgboost).
find_library(VERBUND_XGBOOST_LIBRARY xgboost REQUIRED)
find_path(VERBUND_XGBOOST_INCLUDE_DIR xgboost/c_api.h REQUIRED)
# The calibration's optimiser (libnlopt-cxx-dev; its nlopt.hpp wraps the C library, so either
# Debian build of NLopt serves: the C++ one, or the C one that it depends on).
find_package(NLopt REQUIRED)
if(TARGET NLopt::nlopt_cxx)
  set(VERBUND_NLOPT_TARGET NLopt::nlopt_cxx)
else()
  set(VERBUND_NLOPT_TARGET NLopt::nlopt)
endif()
find_path(VERBUND_NLOPT_HPP nlopt.hpp REQUIRED)
