target_sources(fleetscope_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/endpointstatus.h
    ${CMAKE_CURRENT_LIST_DIR}/endpointhost.cpp ${CMAKE_CURRENT_LIST_DIR}/endpointhost.h
    ${CMAKE_CURRENT_LIST_DIR}/connectiontest.cpp ${CMAKE_CURRENT_LIST_DIR}/connectiontest.h
    ${CMAKE_CURRENT_LIST_DIR}/workspace.cpp ${CMAKE_CURRENT_LIST_DIR}/workspace.h
    ${CMAKE_CURRENT_LIST_DIR}/endpointlistmodel.cpp ${CMAKE_CURRENT_LIST_DIR}/endpointlistmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/templatelibrary.cpp ${CMAKE_CURRENT_LIST_DIR}/templatelibrary.h
    ${CMAKE_CURRENT_LIST_DIR}/payloadcheck.cpp ${CMAKE_CURRENT_LIST_DIR}/payloadcheck.h
    ${CMAKE_CURRENT_LIST_DIR}/eventexport.cpp ${CMAKE_CURRENT_LIST_DIR}/eventexport.h
    ${CMAKE_CURRENT_LIST_DIR}/envelopecache.cpp ${CMAKE_CURRENT_LIST_DIR}/envelopecache.h
)
