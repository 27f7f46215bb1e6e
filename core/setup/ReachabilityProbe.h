#pragma once

// Whether the public URL leads to this server: a one-time nonce goes through the public URL
// (GET /healthz?probe=…), then this server is asked directly whether it saw it (GET /healthz?seen=…).
// A tunnel that is down, or that leads to another port or machine, is told apart from one that works.

#include "core/setup/SetupCheck.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace Setup {

class ReachabilityProbe : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(CheckFinding)>;

    explicit ReachabilityProbe(QObject *parent = nullptr);

    // done runs exactly once, in this object's thread, unless it is deleted first.
    void run(const QString &publicUrl, const QUrl &localUrl, const Done &done);

private:
    void askLocal(const QString &publicUrl, const QUrl &localUrl, const QString &nonce, const Done &done);

    QNetworkAccessManager m_network;
};

} // namespace Setup
