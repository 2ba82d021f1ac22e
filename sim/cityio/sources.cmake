target_sources(fleetscope_sim PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/cityiogridmaker.cpp ${CMAKE_CURRENT_LIST_DIR}/cityiogridmaker.h
    ${CMAKE_CURRENT_LIST_DIR}/cityioworld.cpp ${CMAKE_CURRENT_LIST_DIR}/cityioworld.h
    ${CMAKE_CURRENT_LIST_DIR}/cityioindicators.cpp ${CMAKE_CURRENT_LIST_DIR}/cityioindicators.h
    ${CMAKE_CURRENT_LIST_DIR}/cityioactivity.cpp ${CMAKE_CURRENT_LIST_DIR}/cityioactivity.h
    ${CMAKE_CURRENT_LIST_DIR}/cityiorestapi.cpp ${CMAKE_CURRENT_LIST_DIR}/cityiorestapi.h
    ${CMAKE_CURRENT_LIST_DIR}/cityiobroker.cpp ${CMAKE_CURRENT_LIST_DIR}/cityiobroker.h
    ${CMAKE_CURRENT_LIST_DIR}/cityiosimulator.cpp ${CMAKE_CURRENT_LIST_DIR}/cityiosimulator.h
)
