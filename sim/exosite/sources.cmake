target_sources(fleetscope_sim PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/exositeworld.cpp ${CMAKE_CURRENT_LIST_DIR}/exositeworld.h
    ${CMAKE_CURRENT_LIST_DIR}/exositeprocedures.cpp ${CMAKE_CURRENT_LIST_DIR}/exositeprocedures.h
    ${CMAKE_CURRENT_LIST_DIR}/exositesimulator.cpp ${CMAKE_CURRENT_LIST_DIR}/exositesimulator.h
)
