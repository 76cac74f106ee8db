//! The one place Yew meets the model: `Session::apply` as a Yew reducer.
//! The session sits behind an `Rc` so autosave can keep a snapshot for free.

use std::rc::Rc;

use yew::Reducible;

use crate::model::session::{Action, Session};

#[derive(Default, PartialEq)]
pub struct SessionState(pub Rc<Session>);

impl Reducible for SessionState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self.0).clone();
        next.apply(action);
        Rc::new(SessionState(Rc::new(next)))
    }
}
