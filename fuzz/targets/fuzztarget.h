#pragma once

// Fuzz targets: each is a plain function over bytes, so that the same code runs under libFuzzer
// (fuzz/libfuzzermain.cpp, clang, -DFLEETSCOPE_FUZZ=ON) and, in every build, in ctest over the
// committed corpus and the crash regressions (tests/fuzz/tst_fuzzregressions.cpp).
//
// Adding a protocol: a decoder target (a file like exositeframe.cpp), an endpoint target (one line
// calling fuzzEndpointReplay with the protocol's id), a row per target in kFuzzTargets below, one
// fleetscope_add_fuzzer() line per target in fuzz/CMakeLists.txt, and seeds in fuzz/corpus/<name>/.

#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>

namespace fleetscope::fuzz {

int fuzzExositeFrame(const uint8_t *data, size_t size);
int fuzzExositeEndpoint(const uint8_t *data, size_t size);
int fuzzRecordingReader(const uint8_t *data, size_t size);
int fuzzIntuFrame(const uint8_t *data, size_t size);
int fuzzIntuEndpoint(const uint8_t *data, size_t size);
int fuzzCityioMessage(const uint8_t *data, size_t size);
int fuzzCityioEndpoint(const uint8_t *data, size_t size);
int fuzzOpenTeraFrame(const uint8_t *data, size_t size);
int fuzzOpenTeraEndpoint(const uint8_t *data, size_t size);

// A whole adapter of `protocol` fed through the Endpoint replay hooks. The input is a sequence of
// records separated by 0x1E; a record's first byte says what it is (low two bits: 0 and 3 a text
// frame received, 1 a text frame sent, 2 a binary frame received; for adapters with several
// sockets, the next three bits pick the recorded channel from `channels`, modulo its size) and
// the rest is the frame.
int fuzzEndpointReplay(
    const QString &protocol, const uint8_t *data, size_t size, const QStringList &channels = QStringList());

struct FuzzTarget
{
    const char *name; // also the corpus folder: fuzz/corpus/<name>/
    int (*run)(const uint8_t *data, size_t size);
};

inline constexpr FuzzTarget kFuzzTargets[] = {
    {"exosite_frame", fuzzExositeFrame},
    {"exosite_endpoint", fuzzExositeEndpoint},
    {"recording_reader", fuzzRecordingReader},
    {"intu_frame", fuzzIntuFrame},
    {"intu_endpoint", fuzzIntuEndpoint},
    {"cityio_message", fuzzCityioMessage},
    {"cityio_endpoint", fuzzCityioEndpoint},
    {"opentera_frame", fuzzOpenTeraFrame},
    {"opentera_endpoint", fuzzOpenTeraEndpoint},
};

} // namespace fleetscope::fuzz
