# fleetscope_add_test(tst_name SOURCES a.cpp LIBS lib... [GUI] [LABELS l...] [TIMEOUT s])
# One executable per class under test, registered with ctest (KDE's ecm_add_test style).
# GUI tests run on the offscreen platform so they need no display.
function(fleetscope_add_test name)
    cmake_parse_arguments(T "GUI" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    if(NOT T_SOURCES)
        set(T_SOURCES ${name}.cpp)
    endif()
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test fleetscope_options ${T_LIBS})
    target_compile_definitions(${name} PRIVATE
        FLEETSCOPE_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
        FLEETSCOPE_BIN_DIR="$<TARGET_FILE_DIR:${name}>")
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
    if(T_GUI)
        add_test(NAME ${name} COMMAND ${name} -platform offscreen)
    else()
        add_test(NAME ${name} COMMAND ${name})
    endif()
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT} LABELS "${T_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;FLEETSCOPE_CONFIG_DIR=${CMAKE_CURRENT_BINARY_DIR}/${name}.config")
endfunction()
