target_sources(fleetscope_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/intumessage.cpp ${CMAKE_CURRENT_LIST_DIR}/intumessage.h
    ${CMAKE_CURRENT_LIST_DIR}/intupayload.cpp ${CMAKE_CURRENT_LIST_DIR}/intupayload.h
    ${CMAKE_CURRENT_LIST_DIR}/intuthing.cpp ${CMAKE_CURRENT_LIST_DIR}/intuthing.h
    ${CMAKE_CURRENT_LIST_DIR}/intuencode.cpp ${CMAKE_CURRENT_LIST_DIR}/intuencode.h
    ${CMAKE_CURRENT_LIST_DIR}/intustreamurl.cpp ${CMAKE_CURRENT_LIST_DIR}/intustreamurl.h
    ${CMAKE_CURRENT_LIST_DIR}/intutree.cpp ${CMAKE_CURRENT_LIST_DIR}/intutree.h
    ${CMAKE_CURRENT_LIST_DIR}/intunodetree.cpp ${CMAKE_CURRENT_LIST_DIR}/intunodetree.h
    ${CMAKE_CURRENT_LIST_DIR}/intuendpoint.cpp ${CMAKE_CURRENT_LIST_DIR}/intuendpoint.h
    ${CMAKE_CURRENT_LIST_DIR}/intuprotocol.cpp ${CMAKE_CURRENT_LIST_DIR}/intuprotocol.h
)
