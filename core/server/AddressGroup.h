#pragma once

// The unit in which the server counts one client's connections and failed sign-ins: an IPv4 address, or
// an IPv6 /64 (one host or network usually holds a whole /64, and could otherwise take a fresh address
// for every try). An IPv4-mapped IPv6 address counts as its IPv4 address.

#include <QHostAddress>

namespace Server {

// The group's network address: the IPv4 address itself, or the /64 with the rest zeroed (and no scope id:
// fe80::1%eth0 and %eth1 are one group).
QHostAddress addressGroup(const QHostAddress &address);

} // namespace Server
