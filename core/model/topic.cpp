#include "core/model/topic.h"

namespace fleetscope {

QString nodeKindName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Folder:
        return QStringLiteral("folder");
    case NodeKind::Stream:
        return QStringLiteral("stream");
    case NodeKind::Resource:
        return QStringLiteral("resource");
    case NodeKind::Device:
        return QStringLiteral("device");
    }
    return QStringLiteral("stream");
}

bool nodeKindFromName(const QString &name, NodeKind *kind)
{
    if (name == QLatin1String("folder"))
        *kind = NodeKind::Folder;
    else if (name == QLatin1String("stream"))
        *kind = NodeKind::Stream;
    else if (name == QLatin1String("resource"))
        *kind = NodeKind::Resource;
    else if (name == QLatin1String("device"))
        *kind = NodeKind::Device;
    else
        return false;
    return true;
}

namespace TopicPath {

QString encodeSegment(const QString &label)
{
    QString out;
    out.reserve(label.size());
    for (const QChar c : label) {
        if (c == QLatin1Char('%'))
            out += QLatin1String("%25");
        else if (c == QLatin1Char('/'))
            out += QLatin1String("%2F");
        else
            out += c;
    }
    return out;
}

QString decodeSegment(const QString &segment)
{
    if (!segment.contains(QLatin1Char('%')))
        return segment;
    QString out = segment;
    out.replace(QLatin1String("%2F"), QLatin1String("/"), Qt::CaseInsensitive);
    out.replace(QLatin1String("%25"), QLatin1String("%"));
    return out;
}

QString join(const QString &parent, const QString &segment)
{
    if (parent.isEmpty())
        return segment;
    if (segment.isEmpty())
        return parent;
    return parent + QLatin1Char('/') + segment;
}

QString parent(const QString &path)
{
    const auto slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : path.left(slash);
}

QString lastSegment(const QString &path)
{
    const auto slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? path : path.mid(slash + 1);
}

QStringList split(const QString &path)
{
    return path.isEmpty() ? QStringList() : path.split(QLatin1Char('/'));
}

} // namespace TopicPath
} // namespace fleetscope
