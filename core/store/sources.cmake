# The event log on disk (issue 7). SecretMasker lives in util/: recordings and exports use it too.
target_sources(fleetscope_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/eventquery.cpp ${CMAKE_CURRENT_LIST_DIR}/eventquery.h
    ${CMAKE_CURRENT_LIST_DIR}/eventdatabase.cpp ${CMAKE_CURRENT_LIST_DIR}/eventdatabase.h
    ${CMAKE_CURRENT_LIST_DIR}/eventretention.cpp ${CMAKE_CURRENT_LIST_DIR}/eventretention.h
    ${CMAKE_CURRENT_LIST_DIR}/eventstoreoptions.h
    ${CMAKE_CURRENT_LIST_DIR}/eventstorewriter.cpp ${CMAKE_CURRENT_LIST_DIR}/eventstorewriter.h
    ${CMAKE_CURRENT_LIST_DIR}/eventstore.cpp ${CMAKE_CURRENT_LIST_DIR}/eventstore.h
    ${CMAKE_CURRENT_LIST_DIR}/eventstorereader.cpp ${CMAKE_CURRENT_LIST_DIR}/eventstorereader.h
    ${CMAKE_CURRENT_LIST_DIR}/alertstatetable.cpp ${CMAKE_CURRENT_LIST_DIR}/alertstatetable.h
    ${CMAKE_CURRENT_LIST_DIR}/storepaths.cpp ${CMAKE_CURRENT_LIST_DIR}/storepaths.h
    ${CMAKE_CURRENT_LIST_DIR}/../util/secretmasker.cpp ${CMAKE_CURRENT_LIST_DIR}/../util/secretmasker.h
)
