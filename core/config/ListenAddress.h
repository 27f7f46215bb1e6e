#pragma once

// "HOST:PORT" where the webhook server listens (--listen, and the settings): an IP address (or localhost)
// and a port.

#include "core/common/Result.h"

#include <QHostAddress>
#include <QString>

namespace Config {

struct ListenAddress
{
    QHostAddress address;
    quint16 port = 0;

    // Accepts 127.0.0.1:8080, [::1]:8080, localhost:8080, 0.0.0.0:80, and :8080 (loopback).
    static Result<ListenAddress> parse(const QString &text);
    // The form parse() reads back: 127.0.0.1:8080, [::1]:8080.
    QString toString() const;
};

} // namespace Config
