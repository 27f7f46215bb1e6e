#pragma once

// What a phone in team mode signs in to the team's Switchboard server with: the server's URL, and the
// client's name and secret (HTTP Basic on each request). The phone holds no Twilio secret at all.

#include <QByteArray>
#include <QNetworkRequest>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Team {

struct ServerAccount
{
    QUrl server; // https://switchboard.example.com, or http:// on this machine
    QString client;
    QByteArray secret;

    // Sentences that say what to fix; empty when the phone can sign in with it. The secret travels with
    // every request, so plain http is refused for any host but this machine's.
    QStringList problems() const;
    // The server URL's part of problems(): empty when url will do.
    static QString urlProblem(const QUrl &url);

    // A request to path ("/token", "/calls?limit=50") on the server, signed in as the client.
    QNetworkRequest request(const QString &pathAndQuery) const;
};

} // namespace Team
