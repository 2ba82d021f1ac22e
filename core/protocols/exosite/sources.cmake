target_sources(fleetscope_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/exositeframe.cpp ${CMAKE_CURRENT_LIST_DIR}/exositeframe.h
    ${CMAKE_CURRENT_LIST_DIR}/exositerpc.cpp ${CMAKE_CURRENT_LIST_DIR}/exositerpc.h
    ${CMAKE_CURRENT_LIST_DIR}/exositetree.cpp ${CMAKE_CURRENT_LIST_DIR}/exositetree.h
    ${CMAKE_CURRENT_LIST_DIR}/exositeresourcetree.cpp ${CMAKE_CURRENT_LIST_DIR}/exositeresourcetree.h
    ${CMAKE_CURRENT_LIST_DIR}/exositedevices.cpp ${CMAKE_CURRENT_LIST_DIR}/exositedevices.h
    ${CMAKE_CURRENT_LIST_DIR}/exositereplay.cpp ${CMAKE_CURRENT_LIST_DIR}/exositereplay.h
    ${CMAKE_CURRENT_LIST_DIR}/exositeendpoint.cpp ${CMAKE_CURRENT_LIST_DIR}/exositeendpoint.h
    ${CMAKE_CURRENT_LIST_DIR}/exositeendpointcommands.cpp
    ${CMAKE_CURRENT_LIST_DIR}/exositeprotocol.cpp ${CMAKE_CURRENT_LIST_DIR}/exositeprotocol.h
)
