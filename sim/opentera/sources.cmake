target_sources(fleetscope_sim PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/openteraframes.cpp ${CMAKE_CURRENT_LIST_DIR}/openteraframes.h
    ${CMAKE_CURRENT_LIST_DIR}/openteraaccounts.cpp ${CMAKE_CURRENT_LIST_DIR}/openteraaccounts.h
    ${CMAKE_CURRENT_LIST_DIR}/openterasessionbook.cpp ${CMAKE_CURRENT_LIST_DIR}/openterasessionbook.h
    ${CMAKE_CURRENT_LIST_DIR}/openteraworld.cpp ${CMAKE_CURRENT_LIST_DIR}/openteraworld.h
    ${CMAKE_CURRENT_LIST_DIR}/openterarestapi.cpp ${CMAKE_CURRENT_LIST_DIR}/openterarestapi.h
    ${CMAKE_CURRENT_LIST_DIR}/openterasimulator.cpp ${CMAKE_CURRENT_LIST_DIR}/openterasimulator.h
)
