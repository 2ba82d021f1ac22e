#pragma once

#include "core/endpoint/endpointconfig.h"

#include <QString>
#include <QVector>

#include <functional>
#include <memory>

namespace fleetscope {

class Endpoint;

// A field of a protocol's connection form (the UI builds its dialog from these, the CLI maps its
// flags onto the same keys). Secret fields go to the keychain, never into profile files.
struct ProtocolField
{
    enum class Kind { Text, Secret, Bool, Number };
    QString key; // EndpointConfig::options key, or "secret" for EndpointConfig::secret
    QString label;
    Kind kind = Kind::Text;
    bool required = false;
    QString placeholder;
    QString help;
    // The form a value must have (a QRegularExpression matched whole, e.g. Exosite's 40-hex CIK),
    // and how to say it; empty: any. The connection form checks it as the user types.
    QString pattern = {};
    QString patternHelp = {};
};

// What a command payload is in a protocol, for the composer's check: JSON only (CityIO envelopes,
// OpenTera request bodies), or plain text as well, sent as it is (an Intu publish, an Exosite value);
// text that opens like JSON ('{' or '[') must then be JSON.
enum class PayloadSyntax { Json, TextOrJson };

// What the rest of Fleetscope knows about one protocol: its name, how to connect to it and how to
// create its Endpoint. Adding a protocol = one ProtocolInfo in builtinprotocols.cpp; the UI and
// the CLI pick it up without changes.
struct ProtocolInfo
{
    QString id; // "exosite"
    QString displayName; // "Exosite One Platform"
    QString urlPlaceholder; // "wss://m2.exosite.com/ws"
    QString urlHelp;
    QVector<ProtocolField> fields;
    QString templatesResource; // ":/templates/exosite.json": composer templates
    PayloadSyntax payloadSyntax = PayloadSyntax::Json;
    // Network: url is a server, offered by the connection form. RecordingFile: url is a local
    // file (a session recording played back), opened from a file rather than the form.
    enum class Source { Network, RecordingFile };
    Source source = Source::Network;
    std::function<std::unique_ptr<Endpoint>(const EndpointConfig &)> create;
};

// The protocols this build knows. Owned by whoever assembles the program (main), passed down.
class ProtocolRegistry
{
public:
    void add(const ProtocolInfo &info);
    const ProtocolInfo *find(const QString &id) const;
    QStringList ids() const;
    const QVector<ProtocolInfo> &protocols() const { return m_protocols; }
    // False and *error set when the protocol is unknown or the config is unusable (bad URL, a
    // required field missing). Lets a form check its input without creating an endpoint.
    bool validate(const EndpointConfig &config, QString *error) const;
    // nullptr and *error set when validate() refuses the config.
    std::unique_ptr<Endpoint> create(const EndpointConfig &config, QString *error) const;

private:
    QVector<ProtocolInfo> m_protocols;
};

// Registers every protocol adapter built into fleetscope_core.
void registerBuiltinProtocols(ProtocolRegistry &registry);

} // namespace fleetscope
