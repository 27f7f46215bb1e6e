// Twiml::TwimlReader::read on arbitrary documents; whatever reads must read the same once written back
// with Node::toXml(), as the simulator relies on for TwiML the builder wrote.

#include "FuzzCheck.h"
#include "core/twiml/TwimlReader.h"

#include <cstddef>
#include <cstdint>

using Twiml::Node;
using Twiml::TwimlReader;

namespace {

QString describe(const Node &node, int depth = 0)
{
    QString out = QStringLiteral("\n%1<%2>").arg(QString(depth * 2, u' '), Fuzz::printable(node.name()));
    for (const auto &[name, value] : node.attributes())
        out += QStringLiteral(" [%1]=[%2]").arg(Fuzz::printable(name), Fuzz::printable(value));
    if (!node.text().isEmpty())
        out += QStringLiteral(" text=[%1]").arg(Fuzz::printable(node.text()));
    for (const Node &child : node.children())
        out += describe(child, depth + 1);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray document(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto read = TwimlReader::read(document);
    if (!read) {
        Fuzz::check(!read.error().isEmpty(), "read failed without saying why");
        return 0;
    }

    const QByteArray written
        = QByteArrayLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") + read->toXml().toUtf8();
    const auto again = TwimlReader::read(written);
    if (!again)
        Fuzz::fail(QStringLiteral("TwiML written by toXml() does not read back: %1\ninput: %2\nwritten: %3")
                       .arg(again.error(), Fuzz::printable(document), Fuzz::printable(written)));
    if (*again != *read)
        Fuzz::fail(
            QStringLiteral("TwiML reads differently once written back\ninput: %1\nread:%2\n"
                           "written: %3\nread again:%4")
                .arg(Fuzz::printable(document), describe(*read), Fuzz::printable(written), describe(*again)));
    return 0;
}
