#pragma once

// What a team server's answer means to the phone, in one place for every request the phone makes: whether
// to try again later, and the sentence that tells the person.

#include <QByteArray>
#include <QString>

#include <chrono>

class QNetworkReply;

namespace Team {

struct ServerAccount;

struct ServerReply
{
    enum class Kind {
        Success, // 2xx
        Refused, // 401: the name or its secret is wrong, or the client is disabled; asking again will not
                 // help
        Passing, // unreachable, busy (429, 503) or failing (5xx): worth asking again
        Final // anything else: untrusted TLS, a redirect, a request the server calls wrong
    };

    Kind kind = Kind::Passing;
    int status = 0; // 0: no HTTP answer
    QByteArray body;
    QString problem; // a sentence, for anything but Success
    std::chrono::seconds retryAfter { 0 }; // what the server asked for, if it did

    // Reads a finished reply to a request made as account's client; what is the doing, "get a token".
    static ServerReply read(QNetworkReply *reply, const ServerAccount &account, const QString &what);
};

} // namespace Team
