#pragma once

// The unit in which the server counts one client's connections and failed sign-ins: an IPv4 address, or
// an IPv6 /64 (one host or network usually holds a whole /64, and could otherwise take a fresh address
// for every try). An IPv4-mapped IPv6 address counts as its IPv4 address.

#include <QByteArray>
#include <QHostAddress>

namespace Server {

QByteArray addressGroup(const QHostAddress &address);

} // namespace Server
