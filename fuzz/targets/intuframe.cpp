// The Intu frame decoder and payload interpreter: any text or binary frame a node sends, as the
// endpoint reads it (one input is read both ways: as a text frame and as a binary frame).
#include "core/protocols/intu/intumessage.h"
#include "core/protocols/intu/intupayload.h"
#include "fuzz/targets/fuzztarget.h"

namespace fleetscope::intu {
namespace {
void interpret(const Message &message)
{
    (void)publishPath(message);
    (void)failedPath(message);
    (void)failedHop(message);
    (void)nodePrefix(message.origin);
    if (message.kind != Message::Kind::Publish)
        return;
    // A fresh interpreter each time: its state (health, frame windows, things) is per endpoint.
    PayloadInterpreter interpreter;
    const Interpretation result = interpreter.interpret(message, 1700000000000);
    (void)result;
}
} // namespace
} // namespace fleetscope::intu

namespace fleetscope::fuzz {

int fuzzIntuFrame(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    intu::interpret(intu::decodeTextFrame(bytes));
    intu::interpret(intu::decodeBinaryFrame(bytes));
    return 0;
}

int fuzzIntuEndpoint(const uint8_t *data, size_t size)
{
    return fuzzEndpointReplay(QStringLiteral("intu"), data, size);
}

} // namespace fleetscope::fuzz
