#pragma once

// Reads TwiML (as a webhook answers it) back into Nodes: what the simulator follows.

#include "core/common/Result.h"
#include "core/twiml/Node.h"

#include <QByteArray>

namespace Twiml {

class TwimlReader
{
public:
    static constexpr int maxDocumentSize = 1024 * 1024;
    static constexpr int maxDepth = 16;
    static constexpr int maxElements = 10000;

    // The <Response> element with its verbs. Whitespace between elements is ignored and text is trimmed,
    // so indented TwiML (as in the seed) reads the same as the helper's compact form. Refused: anything
    // not well-formed, a root other than <Response>, DTDs (no entity expansion), and documents over the
    // limits.
    static Result<Node> read(const QByteArray &document);

    // The verbs a <Response> may hold, as Twilio documents them.
    static bool isVoiceVerb(const QString &name);
};

} // namespace Twiml
