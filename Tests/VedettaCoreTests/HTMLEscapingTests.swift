import Testing
import VedettaCore

@Suite("String.htmlEscaped")
struct HTMLEscapingTests {
    @Test("the five characters become entities; everything else, accents and emoji included, stays as written")
    func escaping() {
        #expect(
            "<script>alert('x') & \"y\"</script>".htmlEscaped
                == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        #expect("città è già 🚨 <b>".htmlEscaped == "città è già 🚨 &lt;b&gt;")
        #expect("nothing to do: ü ß".htmlEscaped == "nothing to do: ü ß")
        #expect("".htmlEscaped.isEmpty)
    }
}
