# Session recording and replay (issue 7).
target_sources(fleetscope_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/recordingtypes.h
    ${CMAKE_CURRENT_LIST_DIR}/recordingwriter.cpp ${CMAKE_CURRENT_LIST_DIR}/recordingwriter.h
    ${CMAKE_CURRENT_LIST_DIR}/recordingreader.cpp ${CMAKE_CURRENT_LIST_DIR}/recordingreader.h
    ${CMAKE_CURRENT_LIST_DIR}/recordingexport.cpp ${CMAKE_CURRENT_LIST_DIR}/recordingexport.h
    ${CMAKE_CURRENT_LIST_DIR}/replayendpoint.cpp ${CMAKE_CURRENT_LIST_DIR}/replayendpoint.h
    ${CMAKE_CURRENT_LIST_DIR}/replayprotocol.cpp ${CMAKE_CURRENT_LIST_DIR}/replayprotocol.h
    ${CMAKE_CURRENT_LIST_DIR}/sessionrecorder.cpp ${CMAKE_CURRENT_LIST_DIR}/sessionrecorder.h
)
