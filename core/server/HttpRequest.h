#pragma once

// One HTTP request as the handlers see it: already through the connection guard, free of sockets.

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

namespace Server {

struct HttpRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path; // percent-encoded, as requested: "/voice/incoming"
    QString query; // percent-encoded, without '?'
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peer;

    // The first header of that name, compared case-insensitively as HTTP requires.
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }

    // The media type without parameters, lower-cased: "application/json".
    QByteArray mediaType() const
    {
        return header("Content-Type").split(';').constFirst().trimmed().toLower();
    }
};

} // namespace Server
