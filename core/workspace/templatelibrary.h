#pragma once

#include <QHash>
#include <QString>
#include <QVector>

namespace fleetscope {

class ProtocolRegistry;

// One composer template: a target (may hold ${path}) and a payload with ${...} placeholders that
// the protocol's adapter expands when sending (or the user replaces, e.g. ${value}).
struct CommandTemplate
{
    QString name;
    QString target;
    QString payload;
    bool confirm = false; // destructive: ask before sending
    bool writes = false; // writes a value to a device: confirmed the first time per target
};

// A protocol's templates file (resources/templates/<protocol>.json).
struct TemplateSet
{
    QString protocol;
    QString about; // how targets and placeholders work for this protocol
    QVector<CommandTemplate> templates;
    QString error; // why the file could not be read, empty when fine
};

// The composer's templates per protocol, read from each ProtocolInfo::templatesResource when
// first asked for. A protocol added to the registry brings its templates with it.
//
// Threading: GUI thread (not thread-safe). Owned by whoever assembles the window.
class TemplateLibrary
{
public:
    explicit TemplateLibrary(const ProtocolRegistry &registry);

    const TemplateSet &templates(const QString &protocol) const;
    // Parses a templates file (JSON: {"protocol", "about", "templates": [{name,target,payload,confirm,writes}]}).
    static TemplateSet load(const QString &fileName);
    static TemplateSet parse(const QByteArray &json);

private:
    const ProtocolRegistry &m_registry;
    mutable QHash<QString, TemplateSet> m_cache;
};

} // namespace fleetscope
