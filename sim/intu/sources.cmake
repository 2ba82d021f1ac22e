target_sources(fleetscope_sim PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/styledjson.cpp ${CMAKE_CURRENT_LIST_DIR}/styledjson.h
    ${CMAKE_CURRENT_LIST_DIR}/intucadence.cpp ${CMAKE_CURRENT_LIST_DIR}/intucadence.h
    ${CMAKE_CURRENT_LIST_DIR}/intunode.cpp ${CMAKE_CURRENT_LIST_DIR}/intunode.h
    ${CMAKE_CURRENT_LIST_DIR}/intuclientlink.cpp ${CMAKE_CURRENT_LIST_DIR}/intuclientlink.h
    ${CMAKE_CURRENT_LIST_DIR}/intublackboard.cpp ${CMAKE_CURRENT_LIST_DIR}/intublackboard.h
    ${CMAKE_CURRENT_LIST_DIR}/intusensors.cpp ${CMAKE_CURRENT_LIST_DIR}/intusensors.h
    ${CMAKE_CURRENT_LIST_DIR}/intusdkclient.cpp ${CMAKE_CURRENT_LIST_DIR}/intusdkclient.h
    ${CMAKE_CURRENT_LIST_DIR}/intubody.cpp ${CMAKE_CURRENT_LIST_DIR}/intubody.h
    ${CMAKE_CURRENT_LIST_DIR}/intusimulator.cpp ${CMAKE_CURRENT_LIST_DIR}/intusimulator.h
)
