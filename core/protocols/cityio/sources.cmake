target_sources(fleetscope_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/cityiourls.cpp ${CMAKE_CURRENT_LIST_DIR}/cityiourls.h
    ${CMAKE_CURRENT_LIST_DIR}/cityiomessage.cpp ${CMAKE_CURRENT_LIST_DIR}/cityiomessage.h
    ${CMAKE_CURRENT_LIST_DIR}/cityiocontent.cpp ${CMAKE_CURRENT_LIST_DIR}/cityiocontent.h
    ${CMAKE_CURRENT_LIST_DIR}/cityiotree.cpp ${CMAKE_CURRENT_LIST_DIR}/cityiotree.h
    ${CMAKE_CURRENT_LIST_DIR}/cityiocommand.cpp ${CMAKE_CURRENT_LIST_DIR}/cityiocommand.h
    ${CMAKE_CURRENT_LIST_DIR}/cityiorest.cpp ${CMAKE_CURRENT_LIST_DIR}/cityiorest.h
    ${CMAKE_CURRENT_LIST_DIR}/cityiochannel.cpp ${CMAKE_CURRENT_LIST_DIR}/cityiochannel.h
    ${CMAKE_CURRENT_LIST_DIR}/cityioendpoint.cpp ${CMAKE_CURRENT_LIST_DIR}/cityioendpoint.h
    ${CMAKE_CURRENT_LIST_DIR}/cityioendpointcommands.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cityioprotocol.cpp ${CMAKE_CURRENT_LIST_DIR}/cityioprotocol.h
)
