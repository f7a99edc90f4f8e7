/// The text of a subtree on one line, as a table cell holds it: blocks and `<br>` joined (see
/// ``HTMLTextBuffer/join()``), the cells of a table inside separated by a space. Walks without recursion, so any depth
/// of nesting is safe.
enum HTMLFlattener {
    /// The text of `node` and everything inside it; stops collecting after about `limit` characters.
    static func text(of node: HTMLNode, limit: Int = .max) -> String {
        var buffer = HTMLTextBuffer()
        append(node, to: &buffer, limit: limit)
        return buffer.takeLine()
    }

    /// Appends the text of `node` and everything inside it to `buffer`. The node itself is read even when it is one
    /// that is dropped inside a page (`<title>`).
    static func append(_ node: HTMLNode, to buffer: inout HTMLTextBuffer, limit: Int = .max) {
        var stack: [(node: HTMLNode, leaving: Bool)] = [(node, false)]
        while let (current, leaving) = stack.popLast() {
            if buffer.count > limit { return }
            if current.isText {
                buffer.append(current.text)
                continue
            }
            guard current.isElement else { continue }
            let tag = current.tag
            if leaving {
                close(tag, in: &buffer)
                continue
            }
            if current != node, tag == .dropped || current.isHidden { continue }
            if tag == .lineBreak {
                buffer.join()
                continue
            }
            close(tag, in: &buffer)
            stack.append((current, true))
            var children: [HTMLNode] = []
            var child = current.firstChild
            while let next = child {
                children.append(next)
                child = next.nextSibling
            }
            for child in children.reversed() { stack.append((child, false)) }
        }
    }

    private static func close(_ tag: HTMLTag, in buffer: inout HTMLTextBuffer) {
        if tag == .cell {
            buffer.separate()
        } else if tag.isBlockLike {
            buffer.join()
        }
    }
}
