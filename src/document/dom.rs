//! The parsed page as the walk reads it: html5ever's tree builder fills a
//! [`Dom`] through a [`DomSink`].
//!
//! A `Dom` is one vector of nodes linked by index, holding element names,
//! attributes as the tokenizer made them, and text. It is the tree scraper's
//! `HtmlTreeSink` builds, node for node (the tests below compare the two on
//! the tree builder's hard cases: misnested formatting, foster parenting,
//! templates, foreign content), without what the walk never reads and
//! scraper pays for on every node: sorted attribute maps, cached ids and
//! classes, comment and doctype text.

use std::cell::{Cell, Ref, RefCell};

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{local_name, ns, Attribute, QualName};

/// A node's index in its [`Dom`].
pub type NodeId = usize;

/// The document node's id.
const DOCUMENT: NodeId = 0;

/// A parsed page.
pub struct Dom {
    nodes: Vec<Node>,
    /// The name [`DomSink::elem_name`] gives a node that is no element
    /// (the tree builder never asks for one).
    no_name: QualName,
}

/// One node and its links.
struct Node {
    parent: Option<NodeId>,
    prev_sibling: Option<NodeId>,
    next_sibling: Option<NodeId>,
    first_child: Option<NodeId>,
    last_child: Option<NodeId>,
    data: NodeData,
}

/// What a node is.
pub enum NodeData {
    /// The document (the root).
    Document,
    /// A template's contents: the template element's first child, as
    /// scraper keeps them.
    Fragment,
    /// A doctype (its names are not kept).
    Doctype,
    /// A comment (its text is not kept).
    Comment,
    /// A processing instruction (in foreign content; its text is not kept).
    ProcessingInstruction,
    /// A run of text.
    Text(StrTendril),
    /// An element.
    Element(Element),
}

/// An element's name and attributes.
pub struct Element {
    /// The qualified name.
    pub name: QualName,
    /// The attributes, each name once (the tokenizer keeps the first).
    attrs: Vec<Attribute>,
}

impl Element {
    /// An element named `name` with `attrs`. Attributes in a namespace
    /// (foreign content: `xlink:href`, `xml:lang`) are put in scraper's
    /// order, sorted by qualified name, so that where two share a local
    /// name the same one comes last; the others keep the tokenizer's order,
    /// which nothing reads.
    fn new(name: QualName, mut attrs: Vec<Attribute>) -> Self {
        put_in_scrapers_order(&mut attrs);
        Element { name, attrs }
    }

    /// The local name (`div`, `a`, …).
    pub fn name(&self) -> &str {
        &self.name.local
    }

    /// The value of the attribute `name` (no namespace), if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.prefix.is_none() && a.name.ns == ns!() && *a.name.local == *name)
            .map(|a| &*a.value)
    }

    /// Local name and value of every attribute.
    pub fn attrs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attrs.iter().map(|a| (&*a.name.local, &*a.value))
    }
}

/// Sorts `attrs` by qualified name, as scraper keeps them, if any is in a
/// namespace: only then can two share a local name, and the order matter.
fn put_in_scrapers_order(attrs: &mut [Attribute]) {
    if attrs
        .iter()
        .any(|a| a.name.prefix.is_some() || a.name.ns != ns!())
    {
        attrs.sort_by(|a, b| a.name.cmp(&b.name));
    }
}

impl Dom {
    /// A document with `capacity` nodes' room.
    fn with_capacity(capacity: usize) -> Self {
        let mut nodes = Vec::with_capacity(capacity.max(1));
        nodes.push(Node::new(NodeData::Document));
        Dom {
            nodes,
            no_name: QualName::new(None, ns!(), local_name!("")),
        }
    }

    /// An empty document.
    pub fn new() -> Self {
        Dom::with_capacity(1)
    }

    /// The document node.
    pub fn root(&self) -> NodeRef<'_> {
        NodeRef {
            dom: self,
            id: DOCUMENT,
        }
    }

    /// Every node, in the order it was made.
    pub fn nodes(&self) -> impl Iterator<Item = NodeRef<'_>> {
        (0..self.nodes.len()).map(|id| NodeRef { dom: self, id })
    }

    fn push(&mut self, data: NodeData) -> NodeId {
        self.nodes.push(Node::new(data));
        self.nodes.len() - 1
    }

    /// Takes `id` out of its parent's children, if it has a parent.
    fn detach(&mut self, id: NodeId) {
        let node = &mut self.nodes[id];
        let Some(parent) = node.parent.take() else {
            return;
        };
        let prev = node.prev_sibling.take();
        let next = node.next_sibling.take();
        match prev {
            Some(prev) => self.nodes[prev].next_sibling = next,
            None => self.nodes[parent].first_child = next,
        }
        match next {
            Some(next) => self.nodes[next].prev_sibling = prev,
            None => self.nodes[parent].last_child = prev,
        }
    }

    /// Makes `child` the last child of `parent` (taking it from where it was).
    fn append(&mut self, parent: NodeId, child: NodeId) {
        if parent == child || self.nodes[parent].last_child == Some(child) {
            return;
        }
        self.detach(child);
        let last = self.nodes[parent].last_child;
        let node = &mut self.nodes[child];
        node.parent = Some(parent);
        node.prev_sibling = last;
        match last {
            Some(last) => self.nodes[last].next_sibling = Some(child),
            None => self.nodes[parent].first_child = Some(child),
        }
        self.nodes[parent].last_child = Some(child);
    }

    /// Puts `new` right before `sibling`, which has a parent (taking `new`
    /// from where it was).
    fn insert_before(&mut self, sibling: NodeId, new: NodeId) {
        if sibling == new {
            return;
        }
        self.detach(new);
        let Some(parent) = self.nodes[sibling].parent else {
            return;
        };
        let prev = self.nodes[sibling].prev_sibling;
        let node = &mut self.nodes[new];
        node.parent = Some(parent);
        node.prev_sibling = prev;
        node.next_sibling = Some(sibling);
        match prev {
            Some(prev) => self.nodes[prev].next_sibling = Some(new),
            None => self.nodes[parent].first_child = Some(new),
        }
        self.nodes[sibling].prev_sibling = Some(new);
    }

    /// Adds `text` to `existing` if that is a text node; whether it was.
    fn extend_text(&mut self, existing: Option<NodeId>, text: &StrTendril) -> bool {
        match existing.map(|id| &mut self.nodes[id].data) {
            Some(NodeData::Text(t)) => {
                t.push_tendril(text);
                true
            }
            _ => false,
        }
    }
}

impl Default for Dom {
    fn default() -> Self {
        Dom::new()
    }
}

impl Node {
    fn new(data: NodeData) -> Self {
        Node {
            parent: None,
            prev_sibling: None,
            next_sibling: None,
            first_child: None,
            last_child: None,
            data,
        }
    }
}

/// A node of a [`Dom`], to read it and move around from it.
#[derive(Clone, Copy)]
pub struct NodeRef<'a> {
    dom: &'a Dom,
    id: NodeId,
}

impl<'a> NodeRef<'a> {
    fn at(self, id: Option<NodeId>) -> Option<NodeRef<'a>> {
        id.map(|id| NodeRef { dom: self.dom, id })
    }

    fn node(self) -> &'a Node {
        &self.dom.nodes[self.id]
    }

    /// The node's id.
    pub fn id(self) -> NodeId {
        self.id
    }

    /// What the node is.
    pub fn value(self) -> &'a NodeData {
        &self.node().data
    }

    /// The element, if the node is one.
    pub fn element(self) -> Option<&'a Element> {
        match self.value() {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The parent, unless this is the root or an orphan.
    pub fn parent(self) -> Option<NodeRef<'a>> {
        self.at(self.node().parent)
    }

    /// The parent, its parent, and so on up to the root.
    pub fn ancestors(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.parent(), |n| n.parent())
    }

    /// The first child, if any.
    pub fn first_child(self) -> Option<NodeRef<'a>> {
        self.at(self.node().first_child)
    }

    /// The next sibling, if any.
    pub fn next_sibling(self) -> Option<NodeRef<'a>> {
        self.at(self.node().next_sibling)
    }

    /// The children, in order.
    pub fn children(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.first_child(), |n| n.next_sibling())
    }

    /// The element children, in order.
    pub fn child_elements(self) -> impl Iterator<Item = (NodeRef<'a>, &'a Element)> {
        self.children().filter_map(|n| n.element().map(|e| (n, e)))
    }

    /// The node and its descendants in document order, each opened before
    /// its children and closed after them.
    pub fn traverse(self) -> Traverse<'a> {
        Traverse {
            root: self,
            next: Some(Edge::Open(self)),
        }
    }

    /// The node and its descendants, in document order.
    pub fn descendants(self) -> impl Iterator<Item = NodeRef<'a>> {
        self.traverse().filter_map(|edge| match edge {
            Edge::Open(node) => Some(node),
            Edge::Close(_) => None,
        })
    }

    /// The elements among the node and its descendants, in document order.
    pub fn descendant_elements(self) -> impl Iterator<Item = (NodeRef<'a>, &'a Element)> {
        self.descendants()
            .filter_map(|n| n.element().map(|e| (n, e)))
    }

    /// The text of every text node inside, in document order.
    pub fn text(self) -> impl Iterator<Item = &'a str> {
        self.descendants().filter_map(|n| match n.value() {
            NodeData::Text(text) => Some(&**text),
            _ => None,
        })
    }
}

/// A step of [`NodeRef::traverse`].
#[derive(Clone, Copy)]
pub enum Edge<'a> {
    /// Before the node's children.
    Open(NodeRef<'a>),
    /// After them.
    Close(NodeRef<'a>),
}

/// See [`NodeRef::traverse`].
pub struct Traverse<'a> {
    root: NodeRef<'a>,
    next: Option<Edge<'a>>,
}

impl<'a> Iterator for Traverse<'a> {
    type Item = Edge<'a>;

    fn next(&mut self) -> Option<Edge<'a>> {
        let edge = self.next.take()?;
        self.next = match edge {
            Edge::Open(node) => Some(match node.first_child() {
                Some(child) => Edge::Open(child),
                None => Edge::Close(node),
            }),
            Edge::Close(node) if node.id == self.root.id => None,
            Edge::Close(node) => match node.next_sibling() {
                Some(sibling) => Some(Edge::Open(sibling)),
                None => node.parent().map(Edge::Close),
            },
        };
        Some(edge)
    }
}

/// The tree sink that builds a [`Dom`], counting the elements it creates.
pub struct DomSink {
    dom: RefCell<Dom>,
    elements: Cell<usize>,
}

impl DomSink {
    /// A sink for a page of about `capacity` nodes.
    pub fn with_capacity(capacity: usize) -> Self {
        DomSink {
            dom: RefCell::new(Dom::with_capacity(capacity)),
            elements: Cell::new(0),
        }
    }

    /// Elements created so far.
    pub fn elements(&self) -> usize {
        self.elements.get()
    }
}

impl Default for DomSink {
    fn default() -> Self {
        DomSink::with_capacity(1)
    }
}

impl TreeSink for DomSink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        self.dom.into_inner()
    }

    fn parse_error(&self, _msg: std::borrow::Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.dom.borrow(), |dom| match dom.nodes.get(*target) {
            Some(Node {
                data: NodeData::Element(e),
                ..
            }) => &e.name,
            _ => &dom.no_name,
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        self.elements.set(self.elements.get() + 1);
        let template = name.ns == ns!(html) && name.local == local_name!("template");
        let mut dom = self.dom.borrow_mut();
        let id = dom.push(NodeData::Element(Element::new(name, attrs)));
        if template {
            let contents = dom.push(NodeData::Fragment);
            dom.append(id, contents);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.dom.borrow_mut().push(NodeData::Comment)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.dom.borrow_mut().push(NodeData::ProcessingInstruction)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut dom = self.dom.borrow_mut();
        match child {
            NodeOrText::AppendNode(id) => dom.append(*parent, id),
            NodeOrText::AppendText(text) => {
                let last = dom.nodes[*parent].last_child;
                if !dom.extend_text(last, &text) {
                    let id = dom.push(NodeData::Text(text));
                    dom.append(*parent, id);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.dom.borrow().nodes[*element].parent.is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let mut dom = self.dom.borrow_mut();
        let id = dom.push(NodeData::Doctype);
        dom.append(DOCUMENT, id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        // The fragment made with the template (should the tree builder ever
        // have moved it, the template itself).
        self.dom.borrow().nodes[*target]
            .first_child
            .unwrap_or(*target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut dom = self.dom.borrow_mut();
        if let NodeOrText::AppendNode(id) = new_node {
            dom.detach(id);
        }
        if dom.nodes[*sibling].parent.is_none() {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(id) => dom.insert_before(*sibling, id),
            NodeOrText::AppendText(text) => {
                let prev = dom.nodes[*sibling].prev_sibling;
                if !dom.extend_text(prev, &text) {
                    let id = dom.push(NodeData::Text(text));
                    dom.insert_before(*sibling, id);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut dom = self.dom.borrow_mut();
        if let NodeData::Element(element) = &mut dom.nodes[*target].data {
            for attr in attrs {
                if !element.attrs.iter().any(|a| a.name == attr.name) {
                    element.attrs.push(attr);
                }
            }
            put_in_scrapers_order(&mut element.attrs);
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.dom.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut dom = self.dom.borrow_mut();
        while let Some(child) = dom.nodes[*node].first_child {
            if child == *new_parent {
                break;
            }
            dom.append(*new_parent, child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::tendril::TendrilSink;

    /// The tree html5ever builds of `html` through a [`DomSink`], one line a node.
    fn ours(html: &str) -> Vec<String> {
        let dom = html5ever::parse_document(DomSink::default(), Default::default()).one(html);
        let mut lines = Vec::new();
        for edge in dom.root().traverse() {
            match edge {
                Edge::Open(node) => lines.push(match node.value() {
                    NodeData::Document => "document".to_string(),
                    NodeData::Fragment => "fragment".to_string(),
                    NodeData::Doctype => "doctype".to_string(),
                    NodeData::Comment => "comment".to_string(),
                    NodeData::ProcessingInstruction => "pi".to_string(),
                    NodeData::Text(t) => format!("text {:?}", &**t),
                    NodeData::Element(e) => {
                        let mut attrs: Vec<_> = e
                            .attrs
                            .iter()
                            .map(|a| format!("{:?}={:?}", a.name, &*a.value))
                            .collect();
                        attrs.sort();
                        format!("<{:?} {attrs:?}", e.name)
                    }
                }),
                Edge::Close(_) => lines.push("/".to_string()),
            }
        }
        lines
    }

    /// The same of scraper's tree.
    fn scrapers(html: &str) -> Vec<String> {
        use ego_tree::iter::Edge;
        use scraper::Node;
        let doc = scraper::Html::parse_document(html);
        let mut lines = Vec::new();
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => lines.push(match node.value() {
                    Node::Document => "document".to_string(),
                    Node::Fragment => "fragment".to_string(),
                    Node::Doctype(_) => "doctype".to_string(),
                    Node::Comment(_) => "comment".to_string(),
                    Node::ProcessingInstruction(_) => "pi".to_string(),
                    Node::Text(t) => format!("text {:?}", &**t),
                    Node::Element(e) => {
                        let mut attrs: Vec<_> = e
                            .attrs
                            .iter()
                            .map(|(n, v)| format!("{n:?}={:?}", &**v))
                            .collect();
                        attrs.sort();
                        format!("<{:?} {attrs:?}", e.name)
                    }
                }),
                Edge::Close(_) => lines.push("/".to_string()),
            }
        }
        lines
    }

    #[test]
    fn builds_the_tree_scraper_builds() {
        let cases = [
            "<p>plain <b>bold</b> text</p>",
            "<!DOCTYPE html><html lang=en><head><title>T</title></head><body>x</body></html>",
            // Adoption agency: misnested formatting, reparenting.
            "<p>1<b>2<i>3</b>4</i>5</p>",
            "<a href=1>one<p>two</a>three</p>",
            "<b>1<p>2</b>3</p><b><b><b><b>deep</b></b></b></b>",
            "<div><b><i><u><s>x<div>y</b>z</div></s></u></i></div>",
            "<b>a<div>b<b>c<div>d</b>e</div></div>",
            // Noah's Ark and reconstruction.
            "<p><b class=x><b class=x><b class=x><b class=x>x</p><p>y",
            // Foster parenting.
            "<table>text<tr><td>a</td>more</tr><b>bold</b></table>",
            "<table><tr><td>a<table>b<tr>c</table></td></tr>after",
            "<table><b><tr><td>aaa</td></tr>bbb</table>ccc",
            "<table><input type=hidden><input type=text>x</table>",
            // Templates.
            "<template><p>in template</p><td>cell</td></template><p>out",
            "<table><template><tr><td>t</td></tr></template></table>",
            "<body><template>a<template>b</template>c</template></body>",
            // Text merging around moved nodes.
            "a<table>b<tr>c</tr>d</table>e",
            "<p>a<!-- c -->b</p><p>c<?pi x?>d",
            // Head and body oddities, duplicate html/body attributes.
            "<html a=1><body b=2><html a=3 c=4><body d=5 b=6>x",
            "<head><p>early</p></head><title>late</title>",
            "<frameset><frame></frameset>",
            // Foreign content.
            "<svg viewBox='0 0 1 1'><a xlink:href='x' href='y'><title>t</title></a><foreignObject><p>html</p></foreignObject></svg>",
            "<math><mi>x</mi><annotation-xml encoding='text/html'><p>y</p></annotation-xml></math>",
            "<b><svg><desc></b>after</desc></svg>",
            "<svg><p>breaks out</svg>",
            // Selects, lists, tables with implied tags.
            "<select><option>a<option>b<optgroup><option>c</select>",
            "<ul><li>a<li>b<ul><li>c</ul></ul><dl><dt>x<dd>y</dl>",
            "<table><td>no row<th>head</table>",
            "<pre>\nkept</pre><textarea>\nx</textarea><listing>\ny</listing>",
            "<p>unclosed<div>block</div><p>again<h1>head<h2>sub</h1>",
            "<nobr>a<nobr>b</nobr>c",
            "</p></br><br/></div>stray ends",
            "<script>var a = '<p>';</script><style>p{}</style><noscript><p>n</p></noscript>",
            "<custom-element attr=1><x-y>dynamic names</x-y></custom-element>",
        ];
        for case in cases {
            assert_eq!(ours(case), scrapers(case), "{case}");
        }
    }

    /// Random documents of the pieces the tree builder moves nodes around
    /// for build the same tree as scraper's.
    #[test]
    fn random_markup_builds_the_tree_scraper_builds() {
        const DOCUMENTS: usize = 20_000;
        const MAX_PIECES: usize = 40;
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<b>",
            "</b>",
            "<i class=x>",
            "</i>",
            "<a href=1>",
            "<a href=2 id=n>",
            "</a>",
            "<font color=red>",
            "</font>",
            "<nobr>",
            "<table>",
            "</table>",
            "<tr>",
            "</tr>",
            "<td>",
            "</td>",
            "<th>",
            "<tbody>",
            "<caption>",
            "</caption>",
            "<colgroup><col>",
            "<template>",
            "</template>",
            "<select>",
            "</select>",
            "<option>",
            "<optgroup>",
            "<ul>",
            "<li>",
            "</ul>",
            "<dl><dt>",
            "<dd>",
            "<h1>",
            "</h1>",
            "<h2>",
            "<pre>",
            "\n",
            "<listing>",
            "<textarea>",
            "</textarea>",
            "<form>",
            "</form>",
            "<input type=hidden>",
            "<input>",
            "<button>",
            "</button>",
            "<svg>",
            "</svg>",
            "<svg viewBox=0 xlink:href=a href=b xml:lang=c>",
            "<foreignObject>",
            "<desc>",
            "</desc>",
            "<title>",
            "</title>",
            "<math>",
            "</math>",
            "<mi>",
            "<mtext>",
            "<annotation-xml encoding=text/html>",
            "<body x=1>",
            "<html y=2>",
            "<head>",
            "</head>",
            "<frameset>",
            "<frame>",
            "<noscript>",
            "</noscript>",
            "<script>",
            "</script>",
            "<style>",
            "</style>",
            "<!-- c -->",
            "<?pi?>",
            "<!DOCTYPE html>",
            "<br>",
            "</br>",
            "<hr>",
            "<img src=x>",
            "<image>",
            "<marquee>",
            "</marquee>",
            "<object>",
            "</object>",
            "<applet>",
            "<custom-tag>",
            "</custom-tag>",
            "text",
            " ",
            "&amp;",
            "<span>",
            "</span>",
            "<em>",
            "</em>",
            "<strong>",
            "</strong>",
            "<u>",
            "<s>",
            "<small>",
            "<big>",
            "<code>",
            "</code>",
            "<tt>",
            "<strike>",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut below = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..DOCUMENTS {
            let len = below(MAX_PIECES);
            let html: String = (0..len).map(|_| PIECES[below(PIECES.len())]).collect();
            assert_eq!(ours(&html), scrapers(&html), "{html}");
        }
    }
}
