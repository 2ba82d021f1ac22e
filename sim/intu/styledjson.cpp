#include "sim/intu/styledjson.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <vector>

namespace fleetscope::sim::intu {

namespace {

constexpr int kRightMargin = 74;
constexpr int kIndent = 3;

QByteArray quotedBytes(const QByteArray &utf8)
{
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out += "\\u" + QByteArray::number(static_cast<unsigned char>(c), 16).toUpper().rightJustified(4, '0');
            else
                out += c;
        }
    }
    out += '"';
    return out;
}

QByteArray quoted(const QString &text)
{
    return quotedBytes(text.toUtf8());
}

QByteArray number(double value)
{
    if (!std::isfinite(value))
        return "null";
    if (value == std::floor(value) && std::fabs(value) < 9.0e15)
        return QByteArray::number(static_cast<qint64>(value));
    return QByteArray::number(value, 'g', 17);
}

// A port of StyledWriter's state machine: `pushValue` goes to the line or, while an array is
// measured, to the child list.
class Writer
{
public:
    QByteArray write(const QJsonValue &root)
    {
        writeValue(root);
        m_document += '\n';
        return m_document;
    }

private:
    void pushValue(const QByteArray &value)
    {
        if (m_addChildValues)
            m_childValues.push_back(value);
        else
            m_document += value;
    }

    void writeIndent()
    {
        if (!m_document.isEmpty()) {
            const char last = m_document.back();
            if (last == ' ')
                return; // already indented
            if (last != '\n')
                m_document += '\n';
        }
        m_document += m_indent;
    }

    void writeWithIndent(const QByteArray &value)
    {
        writeIndent();
        m_document += value;
    }

    void indent() { m_indent += QByteArray(kIndent, ' '); }
    void unindent() { m_indent.chop(kIndent); }

    void writeValue(const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            pushValue("null");
            break;
        case QJsonValue::Bool:
            pushValue(value.toBool() ? "true" : "false");
            break;
        case QJsonValue::Double:
            pushValue(number(value.toDouble()));
            break;
        case QJsonValue::String:
            pushValue(quoted(value.toString()));
            break;
        case QJsonValue::Array:
            writeArray(value.toArray());
            break;
        case QJsonValue::Object: {
            const QJsonObject object = value.toObject();
            if (object.isEmpty()) {
                pushValue("{}");
                break;
            }
            writeWithIndent("{");
            indent();
            for (auto it = object.constBegin(); it != object.constEnd();) {
                writeWithIndent(quoted(it.key()));
                m_document += " : ";
                writeValue(it.value());
                if (++it == object.constEnd())
                    break;
                m_document += ',';
            }
            unindent();
            writeWithIndent("}");
            break;
        }
        }
    }

    void writeArray(const QJsonArray &array)
    {
        if (array.isEmpty()) {
            pushValue("[]");
            return;
        }
        if (isMultiLine(array)) {
            writeWithIndent("[");
            indent();
            const bool hasChildValues = !m_childValues.empty();
            for (qsizetype i = 0; i < array.size();) {
                if (hasChildValues) {
                    writeWithIndent(m_childValues[static_cast<size_t>(i)]);
                } else {
                    writeIndent();
                    writeValue(array.at(i));
                }
                if (++i == array.size())
                    break;
                m_document += ',';
            }
            unindent();
            writeWithIndent("]");
        } else {
            m_document += "[ ";
            for (size_t i = 0; i < m_childValues.size(); ++i) {
                if (i > 0)
                    m_document += ", ";
                m_document += m_childValues[i];
            }
            m_document += " ]";
        }
    }

    bool isMultiLine(const QJsonArray &array)
    {
        const qsizetype size = array.size();
        bool multiLine = size * 3 >= kRightMargin;
        m_childValues.clear();
        for (qsizetype i = 0; i < size && !multiLine; ++i) {
            const QJsonValue child = array.at(i);
            multiLine =
                (child.isArray() && !child.toArray().isEmpty()) || (child.isObject() && !child.toObject().isEmpty());
        }
        if (!multiLine) {
            m_childValues.reserve(static_cast<size_t>(size));
            m_addChildValues = true;
            qsizetype lineLength = 4 + (size - 1) * 2; // "[ " + ", " between + " ]"
            for (qsizetype i = 0; i < size; ++i) {
                writeValue(array.at(i));
                lineLength += m_childValues[static_cast<size_t>(i)].size();
            }
            m_addChildValues = false;
            multiLine = lineLength >= kRightMargin;
        }
        return multiLine;
    }

    QByteArray m_document;
    QByteArray m_indent;
    std::vector<QByteArray> m_childValues;
    bool m_addChildValues = false;
};

} // namespace

QByteArray styledQuotedBytes(const QByteArray &bytes)
{
    return quotedBytes(bytes);
}

QByteArray styledJson(const QJsonValue &value)
{
    return Writer().write(value);
}

} // namespace fleetscope::sim::intu
