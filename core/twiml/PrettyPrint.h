#pragma once

// Makes a webhook's answer readable for people (the request inspector): TwiML/XML and JSON indented, one
// element or member per line. Anything else, or anything malformed, comes back as it was.

#include <QByteArray>
#include <QString>

#include <optional>

namespace Twiml {

class PrettyPrint
{
public:
    static constexpr int indent = 2;

    // XML if it starts with '<', JSON if with '{' or '['; the text as received when that fails or for
    // anything else (the inspector shows what was sent, never nothing).
    static QString body(const QByteArray &body);

    // Nothing when the document is not well-formed.
    static std::optional<QString> xml(const QByteArray &document);
    static std::optional<QString> json(const QByteArray &document);
};

} // namespace Twiml
