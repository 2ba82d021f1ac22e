target_sources(fleetscope_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/openteraframe.cpp ${CMAKE_CURRENT_LIST_DIR}/openteraframe.h
    ${CMAKE_CURRENT_LIST_DIR}/openteradevicestatus.cpp ${CMAKE_CURRENT_LIST_DIR}/openteradevicestatus.h
    ${CMAKE_CURRENT_LIST_DIR}/openteratree.cpp ${CMAKE_CURRENT_LIST_DIR}/openteratree.h
    ${CMAKE_CURRENT_LIST_DIR}/openteraeventmapper.cpp ${CMAKE_CURRENT_LIST_DIR}/openteraeventmapper.h
    ${CMAKE_CURRENT_LIST_DIR}/openterarest.cpp ${CMAKE_CURRENT_LIST_DIR}/openterarest.h
    ${CMAKE_CURRENT_LIST_DIR}/openteracommand.cpp ${CMAKE_CURRENT_LIST_DIR}/openteracommand.h
    ${CMAKE_CURRENT_LIST_DIR}/openteraendpoint.cpp ${CMAKE_CURRENT_LIST_DIR}/openteraendpoint.h
    ${CMAKE_CURRENT_LIST_DIR}/openteraprotocol.cpp ${CMAKE_CURRENT_LIST_DIR}/openteraprotocol.h
)
